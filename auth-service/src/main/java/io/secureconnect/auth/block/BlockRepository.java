package io.secureconnect.auth.block;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Blocks between users in PostgreSQL. */
@Repository
public class BlockRepository {

    private final JdbcClient jdbc;

    BlockRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Idempotent: blocking twice keeps the first block and its reason. */
    void block(UUID blocker, UUID blocked, String reason) {
        jdbc.sql("""
                INSERT INTO blocks (blocker_id, blocked_id, reason) VALUES (:blocker, :blocked, :reason)
                ON CONFLICT (blocker_id, blocked_id) DO NOTHING
                """)
                .param("blocker", blocker).param("blocked", blocked).param("reason", reason).update();
    }

    void unblock(UUID blocker, UUID blocked) {
        jdbc.sql("DELETE FROM blocks WHERE blocker_id = :blocker AND blocked_id = :blocked")
                .param("blocker", blocker).param("blocked", blocked).update();
    }

    List<Block> blockedBy(UUID blocker) {
        return jdbc.sql("""
                SELECT b.blocked_id, u.display_name, b.reason, b.created_at
                FROM blocks b JOIN users u ON u.id = b.blocked_id
                WHERE b.blocker_id = :blocker ORDER BY b.created_at DESC LIMIT 1000
                """)
                .param("blocker", blocker)
                .query((row, n) -> new Block(row.getObject("blocked_id", UUID.class), row.getString("display_name"),
                        row.getString("reason"), row.getTimestamp("created_at").toInstant()))
                .list();
    }

    /** True when either user has blocked the other. */
    public boolean eitherBlocked(UUID one, UUID other) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM blocks WHERE (blocker_id = :one AND blocked_id = :other)
                                                      OR (blocker_id = :other AND blocked_id = :one))
                """)
                .param("one", one).param("other", other).query(Boolean.class).single();
    }

    /** How {@code me} stands with a user: {@code contact}, an accepted contact; {@code blocked}, a block either way. */
    record Relation(UUID userId, boolean contact, boolean blocked) {
    }

    /** The relations of {@code me} with those of {@code userIds} whose account exists (not deleted). */
    List<Relation> relations(UUID me, Collection<UUID> userIds) {
        return jdbc.sql("""
                SELECT u.id,
                       EXISTS (SELECT 1 FROM contacts c WHERE c.user_id = :me AND c.contact_id = u.id) AS contact,
                       EXISTS (SELECT 1 FROM blocks b WHERE (b.blocker_id = :me AND b.blocked_id = u.id)
                                                         OR (b.blocker_id = u.id AND b.blocked_id = :me)) AS blocked
                FROM users u WHERE u.id = ANY(:ids) AND u.deleted_at IS NULL
                """)
                .param("me", me).param("ids", userIds.toArray(UUID[]::new))
                .query((row, n) -> new Relation(row.getObject("id", UUID.class), row.getBoolean("contact"),
                        row.getBoolean("blocked")))
                .list();
    }

}
