package io.secureconnect.chat.mls;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * MLS groups in PostgreSQL: each group's epoch and the device at each occupied leaf. Whether a leaf is stale reads
 * the conversation's members and the MLS device directory ({@code mls_devices}, kept by the keys feature) in the
 * same statement, so the check on every application message is one query whatever the group's size.
 */
@Repository
class MlsGroupRepository {

    /** A leaf is stale when its user left the conversation or its device is gone (or is another key now). */
    private static final String STALE = """
            (NOT EXISTS (SELECT 1 FROM conversation_members m
                         WHERE m.conversation_id = l.conversation_id AND m.user_id = l.user_id)
             OR NOT EXISTS (SELECT 1 FROM mls_devices d WHERE d.user_id = l.user_id AND d.device_id = l.device_id
                                                          AND d.signature_key = l.signature_key))""";

    private final JdbcClient jdbc;

    MlsGroupRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    OptionalLong epoch(UUID conversationId) {
        return jdbc.sql("SELECT epoch FROM mls_groups WHERE conversation_id = :c").param("c", conversationId)
                .query(Long.class).optional().map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /**
     * Creates the group as its first commit leaves it, at epoch 1; false when it exists already (a concurrent first
     * commit won, or an earlier one). The primary key makes a second creator wait for the first to commit.
     */
    boolean create(UUID conversationId) {
        return jdbc.sql("INSERT INTO mls_groups (conversation_id, epoch) VALUES (:c, 1) ON CONFLICT DO NOTHING")
                .param("c", conversationId).update() == 1;
    }

    /**
     * Moves the group from {@code epoch} to the next, holding its row until the transaction ends; false when the
     * group is at another epoch (or has none), so of concurrent commits on one epoch exactly one moves it.
     */
    boolean advance(UUID conversationId, long epoch) {
        return jdbc.sql("UPDATE mls_groups SET epoch = epoch + 1 WHERE conversation_id = :c AND epoch = :e")
                .param("c", conversationId).param("e", epoch).update() == 1;
    }

    List<Leaf> leaves(UUID conversationId) {
        return jdbc.sql("""
                SELECT leaf_index, user_id, device_id, signature_key FROM mls_leaves WHERE conversation_id = :c
                ORDER BY leaf_index
                """).param("c", conversationId).query(MlsGroupRepository::leaf).list();
    }

    List<Leaf> staleLeaves(UUID conversationId) {
        return jdbc.sql("SELECT l.leaf_index, l.user_id, l.device_id, l.signature_key FROM mls_leaves l "
                        + "WHERE l.conversation_id = :c AND " + STALE + " ORDER BY l.leaf_index")
                .param("c", conversationId).query(MlsGroupRepository::leaf).list();
    }

    boolean hasStaleLeaf(UUID conversationId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM mls_leaves l WHERE l.conversation_id = :c AND " + STALE + ")")
                .param("c", conversationId).query(Boolean.class).single();
    }

    /** The current devices of the conversation's current members that hold no leaf of its group (with their key). */
    List<UserDevice> pendingDevices(UUID conversationId) {
        return jdbc.sql("""
                SELECT d.user_id, d.device_id
                FROM conversation_members m JOIN mls_devices d ON d.user_id = m.user_id
                WHERE m.conversation_id = :c
                  AND NOT EXISTS (SELECT 1 FROM mls_leaves l WHERE l.conversation_id = :c AND l.user_id = d.user_id
                                                               AND l.device_id = d.device_id
                                                               AND l.signature_key = d.signature_key)
                ORDER BY d.user_id, d.device_id
                """).param("c", conversationId)
                .query((row, n) -> new UserDevice(row.getObject("user_id", UUID.class), row.getString("device_id")))
                .list();
    }

    void blank(UUID conversationId, int leafIndex) {
        jdbc.sql("DELETE FROM mls_leaves WHERE conversation_id = :c AND leaf_index = :i")
                .param("c", conversationId).param("i", leafIndex).update();
    }

    void seat(UUID conversationId, Leaf leaf) {
        jdbc.sql("""
                INSERT INTO mls_leaves (conversation_id, leaf_index, user_id, device_id, signature_key)
                VALUES (:c, :i, :u, :d, :k)
                """).param("c", conversationId).param("i", leaf.leafIndex()).param("u", leaf.userId())
                .param("d", leaf.deviceId()).param("k", leaf.signatureKey()).update();
    }

    private static Leaf leaf(ResultSet row, int n) throws SQLException {
        return new Leaf(row.getInt("leaf_index"), row.getObject("user_id", UUID.class), row.getString("device_id"),
                row.getBytes("signature_key"));
    }
}
