package io.secureconnect.auth.session;

import java.sql.Timestamp;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Sessions and their hashed refresh tokens in PostgreSQL. */
@Repository
class SessionRepository {

    private final JdbcClient jdbc;

    SessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Session session, byte[] refreshTokenHash) {
        jdbc.sql("""
                INSERT INTO sessions (id, user_id, family_id, refresh_token_hash, device_name, user_agent, ip,
                                      created_at, last_used_at, expires_at)
                VALUES (:id, :userId, :familyId, :hash, :deviceName, :userAgent, :ip, :createdAt, :createdAt, :expiresAt)
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
                .update();
    }
}
