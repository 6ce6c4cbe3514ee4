package io.secureconnect.auth.sso;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Sessions opened by single sign-on and the provider's sealed refresh token of each. */
@Repository
class SsoSessionRepository {

    record SsoSession(UUID sessionId, UUID userId, String provider, byte[] refreshCiphertext) {
    }

    private final JdbcClient jdbc;

    SsoSessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void save(SsoSession session) {
        jdbc.sql("""
                INSERT INTO sso_sessions (session_id, user_id, provider, refresh_ciphertext)
                VALUES (:sessionId, :userId, :provider, :refresh)
                ON CONFLICT (session_id) DO UPDATE SET refresh_ciphertext = EXCLUDED.refresh_ciphertext
                """)
                .param("sessionId", session.sessionId()).param("userId", session.userId())
                .param("provider", session.provider()).param("refresh", session.refreshCiphertext())
                .update();
    }

    Optional<SsoSession> find(UUID sessionId) {
        return jdbc.sql("SELECT * FROM sso_sessions WHERE session_id = :id").param("id", sessionId)
                .query((row, n) -> new SsoSession(row.getObject("session_id", UUID.class),
                        row.getObject("user_id", UUID.class), row.getString("provider"),
                        row.getBytes("refresh_ciphertext")))
                .optional();
    }

    void delete(UUID sessionId) {
        jdbc.sql("DELETE FROM sso_sessions WHERE session_id = :id").param("id", sessionId).update();
    }

    /** The user's sessions that hold a refresh token of the provider (opened by signing in there). */
    List<UUID> sessionsOf(UUID userId, String provider) {
        return jdbc.sql("SELECT session_id FROM sso_sessions WHERE user_id = :userId AND provider = :provider")
                .param("userId", userId).param("provider", provider).query(UUID.class).list();
    }

    /** Forgets the provider's tokens of the user's sessions there (the provider was disconnected). */
    void deleteAll(UUID userId, String provider) {
        jdbc.sql("DELETE FROM sso_sessions WHERE user_id = :userId AND provider = :provider")
                .param("userId", userId).param("provider", provider).update();
    }
}
