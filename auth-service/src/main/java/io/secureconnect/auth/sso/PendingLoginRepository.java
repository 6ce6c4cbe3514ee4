package io.secureconnect.auth.sso;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Sign-ins in flight, named by the SHA-256 of the browser's cookie; each is taken once. */
@Repository
class PendingLoginRepository {

    private final JdbcClient jdbc;

    PendingLoginRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(byte[] cookieHash, PendingLogin login) {
        jdbc.sql("""
                INSERT INTO sso_logins (cookie_hash, provider, state, nonce, code_verifier, link_user_id, expires_at)
                VALUES (:hash, :provider, :state, :nonce, :verifier, :linkUserId, :expiresAt)
                """)
                .param("hash", cookieHash).param("provider", login.provider()).param("state", login.state())
                .param("nonce", login.nonce()).param("verifier", login.codeVerifier())
                .param("linkUserId", login.linkUserId()).param("expiresAt", Timestamp.from(login.expiresAt()))
                .update();
    }

    /** The live sign-in of this cookie, removed so it cannot be used again. */
    Optional<PendingLogin> take(byte[] cookieHash, Instant now) {
        return jdbc.sql("""
                DELETE FROM sso_logins WHERE cookie_hash = :hash
                RETURNING provider, state, nonce, code_verifier, link_user_id, expires_at
                """)
                .param("hash", cookieHash)
                .query((row, n) -> new PendingLogin(row.getString("provider"), row.getString("state"),
                        row.getString("nonce"), row.getString("code_verifier"),
                        row.getObject("link_user_id", UUID.class), row.getTimestamp("expires_at").toInstant()))
                .optional()
                .filter(login -> login.expiresAt().isAfter(now));
    }

    void deleteExpired(Instant now) {
        jdbc.sql("DELETE FROM sso_logins WHERE expires_at < :now").param("now", Timestamp.from(now)).update();
    }
}
