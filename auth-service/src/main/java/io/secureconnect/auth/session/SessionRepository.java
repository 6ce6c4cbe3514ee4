package io.secureconnect.auth.session;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Sessions and their hashed refresh tokens in PostgreSQL, the source of truth for revocation. */
@Repository
class SessionRepository {

    private static final String COLUMNS = "id, user_id, family_id, device_name, user_agent, ip, created_at, "
            + "last_used_at, expires_at, revoked_at, amr";

    private final JdbcClient jdbc;

    SessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Session session, byte[] refreshTokenHash) {
        jdbc.sql("""
                INSERT INTO sessions (id, user_id, family_id, refresh_token_hash, device_name, user_agent, ip,
                                      created_at, last_used_at, expires_at, amr)
                VALUES (:id, :userId, :familyId, :hash, :deviceName, :userAgent, :ip, :createdAt, :createdAt, :expiresAt,
                        :amr)
                """)
                .param("id", session.id())
                .param("userId", session.userId())
                .param("familyId", session.familyId())
                .param("hash", refreshTokenHash)
                .param("deviceName", session.deviceName())
                .param("userAgent", session.userAgent())
                .param("ip", session.ip())
                .param("createdAt", Timestamp.from(session.createdAt()))
                .param("expiresAt", Timestamp.from(session.expiresAt()))
                .param("amr", session.amr().toArray(String[]::new))
                .update();
    }

    Optional<Session> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sessions WHERE id = :id")
                .param("id", id).query(SessionRepository::map).optional();
    }

    Optional<Session> findByRefreshTokenHash(byte[] hash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sessions WHERE refresh_token_hash = :hash")
                .param("hash", hash).query(SessionRepository::map).optional();
    }

    /** The session a rotated-away refresh token belonged to, if the hash is one. */
    Optional<UUID> findSessionOfRotatedToken(byte[] hash) {
        return jdbc.sql("SELECT session_id FROM rotated_refresh_tokens WHERE token_hash = :hash")
                .param("hash", hash).query(UUID.class).optional();
    }

    /**
     * Replaces the refresh token of a live session, only if it still is {@code oldHash}: of two concurrent refreshes
     * with the same token exactly one wins. The old hash is remembered to detect its reuse.
     */
    boolean rotate(UUID sessionId, byte[] oldHash, byte[] newHash, Instant now) {
        int updated = jdbc.sql("""
                UPDATE sessions SET refresh_token_hash = :newHash, last_used_at = :now
                WHERE id = :id AND refresh_token_hash = :oldHash AND revoked_at IS NULL AND expires_at > :now
                """)
                .param("id", sessionId).param("oldHash", oldHash).param("newHash", newHash)
                .param("now", Timestamp.from(now))
                .update();
        if (updated == 1) {
            jdbc.sql("INSERT INTO rotated_refresh_tokens (token_hash, session_id, rotated_at) VALUES (:hash, :id, :now)")
                    .param("hash", oldHash).param("id", sessionId).param("now", Timestamp.from(now))
                    .update();
        }
        return updated == 1;
    }

    /** Revokes one session; false when it was already revoked or does not exist. */
    boolean revoke(UUID sessionId, Instant now) {
        return jdbc.sql("UPDATE sessions SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .param("id", sessionId).param("now", Timestamp.from(now)).update() == 1;
    }

    /** Revokes every live session of a user and returns their ids. */
    List<UUID> revokeAll(UUID userId, Instant now) {
        return jdbc.sql("UPDATE sessions SET revoked_at = :now WHERE user_id = :userId AND revoked_at IS NULL RETURNING id")
                .param("userId", userId).param("now", Timestamp.from(now)).query(UUID.class).list();
    }

    List<Session> findActiveByUser(UUID userId, Instant now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sessions WHERE user_id = :userId AND revoked_at IS NULL "
                        + "AND expires_at > :now ORDER BY last_used_at DESC LIMIT 100")
                .param("userId", userId).param("now", Timestamp.from(now)).query(SessionRepository::map).list();
    }

    /** Sessions revoked since {@code since}: their access tokens may still be unexpired. */
    List<UUID> findRevokedSince(Instant since) {
        return jdbc.sql("SELECT id FROM sessions WHERE revoked_at >= :since")
                .param("since", Timestamp.from(since)).query(UUID.class).list();
    }

    private static Session map(ResultSet row, int rowNumber) throws SQLException {
        Timestamp revoked = row.getTimestamp("revoked_at");
        return new Session(row.getObject("id", UUID.class), row.getObject("user_id", UUID.class),
                row.getObject("family_id", UUID.class), row.getString("device_name"), row.getString("user_agent"),
                row.getString("ip"), row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("last_used_at").toInstant(), row.getTimestamp("expires_at").toInstant(),
                revoked == null ? null : revoked.toInstant(), List.of((String[]) row.getArray("amr").getArray()));
    }
}
