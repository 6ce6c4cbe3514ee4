package io.secureconnect.auth.lockout;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.secureconnect.auth.AuthMetrics;
import io.secureconnect.auth.AuthErrorCode;
import io.secureconnect.auth.AuthProperties;
import io.secureconnect.auth.login.LogIn;
import io.secureconnect.auth.login.LoginPolicy;
import io.secureconnect.auth.user.User;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.web.ApiException;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Brute-force protection, counted in PostgreSQL so it holds without Redis and across instances: too many failed
 * logins for one email lock that email for a while, too many from one address refuse that address. Emails are
 * counted whether or not an account has them, so a lock reveals nothing about which accounts exist. The first
 * {@link LoginPolicy}: its gate runs before any password work, for logins and password confirmations alike.
 */
@Component
@Order(LoginPolicy.LOCKOUT)
class LoginThrottle implements LoginPolicy {

    private final JdbcClient jdbc;
    private final AuthProperties.Lockout policy;
    private final AuditLogger audit;
    private final Clock clock;
    private final AuthMetrics metrics;

    LoginThrottle(JdbcClient jdbc, AuthProperties properties, AuditLogger audit, AuthMetrics metrics, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.policy = properties.lockout();
        this.audit = audit;
        this.metrics = metrics;
    }

    /** Refuses the attempt before any password work when the email is locked or the address has failed too often. */
    @Override
    public void checkAttempt(LogIn attempt) {
        String email = attempt.email();
        String ip = attempt.clientAddress();
        Instant now = clock.instant();
        Instant lockedUntil = jdbc.sql("SELECT locked_until FROM account_lockouts WHERE email = :email AND locked_until > :now")
                .param("email", email).param("now", Timestamp.from(now))
                .query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(null);
        if (lockedUntil != null) {
            throw locked(Duration.between(now, lockedUntil));
        }
        if (ip != null && failuresSince("ip", ip, now.minus(policy.window())) >= policy.maxFailuresPerIp()) {
            throw locked(policy.window());
        }
    }

    @Override
    public void failed(LogIn attempt) {
        String email = attempt.email();
        String ip = attempt.clientAddress();
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO login_failures (email, ip, failed_at) VALUES (:email, :ip, :now)")
                .param("email", email).param("ip", ip).param("now", Timestamp.from(now)).update();
        metrics.loginFailedByIp.increment();
        if (failuresSince("email", email, now.minus(policy.window())) >= policy.maxFailures()) {
            jdbc.sql("""
                    INSERT INTO account_lockouts (email, locked_until) VALUES (:email, :until)
                    ON CONFLICT (email) DO UPDATE SET locked_until = EXCLUDED.locked_until
                    """)
                    .param("email", email).param("until", Timestamp.from(now.plus(policy.duration()))).update();
            jdbc.sql("DELETE FROM login_failures WHERE email = :email").param("email", email).update();
            metrics.accountLocked.increment();
            audit.record(AuditEvent.of("auth.lockout", AuditResult.DENIED).resource("email:" + email)
                    .reason(policy.maxFailures() + " failed logins within " + policy.window()));
        }
    }

    /** A successful login forgives the email's earlier failures. */
    @Override
    public void succeeded(User user, LogIn attempt) {
        jdbc.sql("DELETE FROM login_failures WHERE email = :email").param("email", attempt.email()).update();
    }

    /** Old failures and locks count for nothing: keep the tables small. */
    @Scheduled(fixedDelayString = "PT5M")
    void forgetOldFailures() {
        Timestamp horizon = Timestamp.from(clock.instant().minus(policy.window()));
        jdbc.sql("DELETE FROM login_failures WHERE failed_at < :horizon").param("horizon", horizon).update();
        jdbc.sql("DELETE FROM account_lockouts WHERE locked_until < now()").update();
    }

    private int failuresSince(String column, String value, Instant since) {
        return jdbc.sql("SELECT count(*) FROM login_failures WHERE " + column + " = :value AND failed_at >= :since")
                .param("value", value).param("since", Timestamp.from(since)).query(Integer.class).single();
    }

    private static ApiException locked(Duration retryAfter) {
        long seconds = Math.max(1, retryAfter.toSeconds());
        return new ApiException(AuthErrorCode.AUTH_LOCKED, "Too many failed logins. Try again later.",
                Map.of(ApiException.RETRY_AFTER, seconds));
    }
}
