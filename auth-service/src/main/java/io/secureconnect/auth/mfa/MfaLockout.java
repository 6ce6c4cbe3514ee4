package io.secureconnect.auth.mfa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.web.ApiException;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The MFA step's lockout, per account and kept in PostgreSQL with it (not per address: an attacker holding the
 * password may come from many): {@code maxFailures} wrong answers within {@code window} lock it for
 * {@code lockDuration} (429 {@code MFA_LOCKED} with Retry-After). Every wrong answer counts in
 * {@code auth_mfa_failed_total{method}}.
 */
@Component
class MfaLockout {

    static final String ACTION = "auth.mfa";

    private final MfaLockoutRepository lockout;
    private final MfaProperties properties;
    private final AuditLogger audit;
    private final MeterRegistry meters;
    private final Clock clock;

    MfaLockout(MfaLockoutRepository lockout, MfaProperties properties, AuditLogger audit, MeterRegistry meters,
               Clock clock) {
        this.lockout = lockout;
        this.properties = properties;
        this.audit = audit;
        this.meters = meters;
        this.clock = clock;
        for (String method : new String[] {"totp", "recovery", "passkey"}) {
            failedCounter(method); // registered at startup: dashboards see zeros, not gaps
        }
    }

    /**
     * Refuses with 429 {@code MFA_LOCKED} while the account's MFA step is locked. Takes the account's lock first,
     * held to the end of the caller's transaction (which must exist): without it, parallel answers all pass this
     * check before any failure is counted and an attacker gets more guesses than {@code maxFailures}.
     */
    void checkNotLocked(UUID userId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("the MFA lockout needs a transaction to hold the account's lock");
        }
        lockout.serialise(userId);
        Instant now = clock.instant();
        lockout.lockedUntil(userId, now).ifPresent(until -> {
            audit.record(AuditEvent.of(ACTION, AuditResult.DENIED).user(userId).resource("user:" + userId)
                    .reason("MFA step locked until " + until));
            throw locked(Duration.between(now, until));
        });
    }

    /** Counts a wrong answer; the one that reaches the limit locks the account's MFA step. */
    void failed(UUID userId, String method) {
        failedCounter(method).increment();
        Instant now = clock.instant();
        int failures = lockout.recordFailure(userId, method, now, now.minus(properties.window()));
        if (failures >= properties.maxFailures()) {
            lockout.lock(userId, now.plus(properties.lockDuration()));
            audit.record(AuditEvent.of(ACTION, AuditResult.DENIED).user(userId).resource("user:" + userId)
                    .reason(failures + " wrong answers: MFA step locked for " + properties.lockDuration()));
        }
    }

    /** A right answer forgives the wrong ones before it. */
    void succeeded(UUID userId) {
        lockout.clearFailures(userId);
    }

    /** An administrator's reset lifts a lock too. */
    void reset(UUID userId) {
        lockout.unlock(userId);
    }

    private Counter failedCounter(String method) {
        return Counter.builder("auth.mfa.failed").description("Wrong second-factor answers")
                .tag("method", method).register(meters);
    }

    private static ApiException locked(Duration retryAfter) {
        long seconds = Math.max(1, retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0));
        return new ApiException(MfaErrorCode.MFA_LOCKED, "Too many wrong codes. Try again later.",
                Map.of(ApiException.RETRY_AFTER, seconds));
    }
}
