package io.secureconnect.chat.mls;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The Welcomes waiting for added devices, in PostgreSQL. */
@Repository
class WelcomeRepository {

    private final JdbcClient jdbc;

    WelcomeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Welcome insert(UUID id, UUID conversationId, UserDevice device, long epoch, byte[] welcome, byte[] ratchetTree) {
        return jdbc.sql("""
                INSERT INTO mls_welcomes (id, conversation_id, user_id, device_id, epoch, welcome, ratchet_tree)
                VALUES (:id, :c, :u, :d, :e, :w, :t)
                RETURNING id, conversation_id, user_id, device_id, epoch, welcome, ratchet_tree, created_at
                """).param("id", id).param("c", conversationId).param("u", device.userId())
                .param("d", device.deviceId()).param("e", epoch).param("w", welcome).param("t", ratchetTree)
                .query(WelcomeRepository::welcome).single();
    }

    /**
     * The device's Welcomes, oldest first, for conversations its owner is still a member of: a Welcome to a
     * conversation the user left would let the device read the epoch it was added in.
     */
    List<Welcome> forDevice(UserDevice device, int limit) {
        return jdbc.sql("""
                SELECT w.id, w.conversation_id, w.user_id, w.device_id, w.epoch, w.welcome, w.ratchet_tree, w.created_at
                FROM mls_welcomes w
                WHERE w.user_id = :u AND w.device_id = :d
                  AND EXISTS (SELECT 1 FROM conversation_members m
                              WHERE m.conversation_id = w.conversation_id AND m.user_id = w.user_id)
                ORDER BY w.created_at, w.id LIMIT :limit
                """).param("u", device.userId()).param("d", device.deviceId()).param("limit", limit)
                .query(WelcomeRepository::welcome).list();
    }

    boolean delete(UserDevice device, UUID welcomeId) {
        return jdbc.sql("DELETE FROM mls_welcomes WHERE id = :id AND user_id = :u AND device_id = :d")
                .param("id", welcomeId).param("u", device.userId()).param("d", device.deviceId()).update() == 1;
    }

    /** A device that is gone has no use for its Welcomes. */
    int deleteAllOf(UserDevice device) {
        return jdbc.sql("DELETE FROM mls_welcomes WHERE user_id = :u AND device_id = :d")
                .param("u", device.userId()).param("d", device.deviceId()).update();
    }

    private static Welcome welcome(ResultSet row, int n) throws SQLException {
        byte[] tree = row.getBytes("ratchet_tree");
        return new Welcome(row.getObject("id", UUID.class), row.getObject("conversation_id", UUID.class),
                row.getObject("user_id", UUID.class), row.getString("device_id"), row.getLong("epoch"),
                Base64.getEncoder().encodeToString(row.getBytes("welcome")),
                tree == null ? null : Base64.getEncoder().encodeToString(tree),
                row.getTimestamp("created_at").toInstant());
    }
}
