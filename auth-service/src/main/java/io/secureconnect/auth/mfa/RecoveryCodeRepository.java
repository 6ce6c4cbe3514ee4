package io.secureconnect.auth.mfa;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Recovery codes as SHA-256 hashes, each marked when used. */
@Repository
class RecoveryCodeRepository {

    private final JdbcClient jdbc;

    RecoveryCodeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces the account's codes (used or not) with {@code hashes}. */
    void replace(UUID userId, List<byte[]> hashes, Instant now) {
        deleteAll(userId);
        for (byte[] hash : hashes) {
            jdbc.sql("INSERT INTO mfa_recovery_codes (user_id, code_hash, created_at) VALUES (:userId, :hash, :now)")
                    .param("userId", userId).param("hash", hash).param("now", Timestamp.from(now)).update();
        }
    }

    /** Marks the code used; false when the account has no such unused code. */
    boolean use(UUID userId, byte[] hash, Instant now) {
        return jdbc.sql("""
                UPDATE mfa_recovery_codes SET used_at = :now
                WHERE user_id = :userId AND code_hash = :hash AND used_at IS NULL
                """)
                .param("userId", userId).param("hash", hash).param("now", Timestamp.from(now)).update() == 1;
    }

    int unused(UUID userId) {
        return jdbc.sql("SELECT count(*) FROM mfa_recovery_codes WHERE user_id = :userId AND used_at IS NULL")
                .param("userId", userId).query(Long.class).single().intValue();
    }

    void deleteAll(UUID userId) {
        jdbc.sql("DELETE FROM mfa_recovery_codes WHERE user_id = :userId").param("userId", userId).update();
    }
}
