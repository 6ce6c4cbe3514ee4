package io.secureconnect.auth.account;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.secureconnect.auth.token.OpaqueTokens;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Single-use, expiring tokens sent by email. Only the hash is stored; redeeming is one conditional update, so a
 * token works once even when two requests race with it.
 */
@Repository
class OneTimeTokens {

    enum Purpose { VERIFY_EMAIL, RESET_PASSWORD }

    private final JdbcClient jdbc;

    OneTimeTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String issue(UUID userId, Purpose purpose, Duration validFor) {
        String token = OpaqueTokens.generate();
        jdbc.sql("INSERT INTO one_time_tokens (token_hash, user_id, purpose, expires_at) VALUES (:hash, :user, :purpose, :expires)")
                .param("hash", OpaqueTokens.hash(token))
                .param("user", userId)
                .param("purpose", purpose.name().toLowerCase(java.util.Locale.ROOT))
                .param("expires", Timestamp.from(Instant.now().plus(validFor)))
                .update();
        return token;
    }

    /** The user the token belongs to, if it is unused, unexpired and for this purpose; it is used up either way. */
    Optional<UUID> redeem(String token, Purpose purpose) {
        return jdbc.sql("""
                UPDATE one_time_tokens SET used_at = now()
                WHERE token_hash = :hash AND purpose = :purpose AND used_at IS NULL AND expires_at > now()
                RETURNING user_id
                """)
                .param("hash", OpaqueTokens.hash(token))
                .param("purpose", purpose.name().toLowerCase(java.util.Locale.ROOT))
                .query(UUID.class)
                .optional();
    }
}
