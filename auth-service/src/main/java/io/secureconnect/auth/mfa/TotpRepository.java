package io.secureconnect.auth.mfa;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** One TOTP secret per account (encrypted), whether it is confirmed, and the last time step it accepted. */
@Repository
class TotpRepository {

    private final JdbcClient jdbc;

    TotpRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(byte[] secretCiphertext, boolean confirmed, Long lastUsedStep) {
    }

    /** Stores an unconfirmed secret, replacing an unconfirmed one; false when a confirmed one is on. */
    boolean savePending(UUID userId, byte[] ciphertext, Instant now) {
        return jdbc.sql("""
                INSERT INTO mfa_totp (user_id, secret_ciphertext, created_at) VALUES (:userId, :secret, :now)
                ON CONFLICT (user_id) DO UPDATE SET secret_ciphertext = :secret, created_at = :now, last_used_step = NULL
                WHERE mfa_totp.confirmed_at IS NULL
                """)
                .param("userId", userId).param("secret", ciphertext).param("now", Timestamp.from(now))
                .update() == 1;
    }

    Optional<Row> find(UUID userId) {
        return jdbc.sql("SELECT secret_ciphertext, confirmed_at, last_used_step FROM mfa_totp WHERE user_id = :userId")
                .param("userId", userId)
                .query((row, n) -> new Row(row.getBytes("secret_ciphertext"), row.getTimestamp("confirmed_at") != null,
                        (Long) row.getObject("last_used_step")))
                .optional();
    }

    boolean isConfirmed(UUID userId) {
        return jdbc.sql("SELECT count(*) FROM mfa_totp WHERE user_id = :userId AND confirmed_at IS NOT NULL")
                .param("userId", userId).query(Long.class).single() > 0;
    }

    /**
     * Records {@code step} as used, only if no later or equal step was: of two uses of one code exactly one wins.
     * {@code confirm} also turns the secret on (its first code).
     */
    boolean useStep(UUID userId, long step, boolean confirm, Instant now) {
        return jdbc.sql("""
                UPDATE mfa_totp SET last_used_step = :step,
                       confirmed_at = CASE WHEN :confirm THEN :now ELSE confirmed_at END
                WHERE user_id = :userId AND (confirmed_at IS NULL) = :confirm
                  AND (last_used_step IS NULL OR last_used_step < :step)
                """)
                .param("userId", userId).param("step", step).param("confirm", confirm)
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    boolean delete(UUID userId) {
        return jdbc.sql("DELETE FROM mfa_totp WHERE user_id = :userId").param("userId", userId).update() == 1;
    }
}
