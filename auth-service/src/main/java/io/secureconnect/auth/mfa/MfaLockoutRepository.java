package io.secureconnect.auth.mfa;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Wrong second-factor answers and the locks they caused, per account. */
@Repository
class MfaLockoutRepository {

    private final JdbcClient jdbc;

    MfaLockoutRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Holds the account's MFA lock (a transaction-scoped advisory lock, keyed by the user id) until the transaction
     * ends, so parallel answers of one account are checked, verified and counted one at a time.
     */
    void serialise(UUID userId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .param("key", "mfa:" + userId).query().listOfRows();
    }

    Optional<Instant> lockedUntil(UUID userId, Instant now) {
        return jdbc.sql("SELECT locked_until FROM mfa_locks WHERE user_id = :userId AND locked_until > :now")
                .param("userId", userId).param("now", Timestamp.from(now))
                .query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    /** Records a wrong answer and returns how many the account has had since {@code since}. */
    int recordFailure(UUID userId, String method, Instant now, Instant since) {
        jdbc.sql("INSERT INTO mfa_failures (user_id, method, failed_at) VALUES (:userId, :method, :now)")
                .param("userId", userId).param("method", method).param("now", Timestamp.from(now)).update();
        return jdbc.sql("SELECT count(*) FROM mfa_failures WHERE user_id = :userId AND failed_at > :since")
                .param("userId", userId).param("since", Timestamp.from(since)).query(Long.class).single().intValue();
    }

    void lock(UUID userId, Instant until) {
        jdbc.sql("""
                INSERT INTO mfa_locks (user_id, locked_until) VALUES (:userId, :until)
                ON CONFLICT (user_id) DO UPDATE SET locked_until = :until
                """)
                .param("userId", userId).param("until", Timestamp.from(until)).update();
        clearFailures(userId);
    }

    void clearFailures(UUID userId) {
        jdbc.sql("DELETE FROM mfa_failures WHERE user_id = :userId").param("userId", userId).update();
    }

    void unlock(UUID userId) {
        jdbc.sql("DELETE FROM mfa_locks WHERE user_id = :userId").param("userId", userId).update();
        clearFailures(userId);
    }
}
