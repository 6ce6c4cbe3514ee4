package io.secureconnect.auth.user;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.auth.AuthProperties;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * S8: exact-email lookups per user and hour, counted in PostgreSQL so the limit holds without Redis and across
 * instances. Every lookup counts, found or not: it is the probing of addresses that is limited.
 */
@Repository
class EmailLookups {

    private static final Duration WINDOW = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final AuditLogger audit;
    private final int perHour;
    private final Clock clock;

    EmailLookups(JdbcClient jdbc, AuditLogger audit, AuthProperties properties, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.audit = audit;
        this.perHour = properties.emailLookupsPerHour();
    }

    /** Counts one lookup by the user, or refuses it with 429 {@code RATE_LIMITED} when the hour's budget is spent. */
    void record(UUID userId) {
        Instant now = clock.instant();
        int counted = jdbc.sql("""
                INSERT INTO email_lookups (user_id, looked_up_at)
                SELECT :user, :now
                WHERE (SELECT count(*) FROM email_lookups WHERE user_id = :user AND looked_up_at > :since) < :limit
                """)
                .param("user", userId).param("now", Timestamp.from(now))
                .param("since", Timestamp.from(now.minus(WINDOW))).param("limit", perHour)
                .update();
        if (counted == 0) {
            audit.record(AuditEvent.of("auth.user_lookup_by_email", AuditResult.DENIED).user(userId)
                    .resource("user").reason(perHour + " lookups within " + WINDOW));
            throw new ApiException(CommonErrorCode.RATE_LIMITED, "Too many lookups by email; try again later.",
                    Map.of(ApiException.RETRY_AFTER, WINDOW.toSeconds()));
        }
    }

    @Scheduled(fixedDelayString = "PT10M")
    void forgetOldLookups() {
        jdbc.sql("DELETE FROM email_lookups WHERE looked_up_at <= :since")
                .param("since", Timestamp.from(clock.instant().minus(WINDOW))).update();
    }
}
