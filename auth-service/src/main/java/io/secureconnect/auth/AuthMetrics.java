package io.secureconnect.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The auth counters of ARCHITECTURE §7, registered at startup so dashboards and alerts see zeros, not gaps.
 * Prometheus names: {@code auth_attempts_total}, {@code auth_login_failed_total}, and so on.
 */
@Component
public class AuthMetrics {

    public final Counter attempts;
    public final Counter success;
    public final Counter failures;
    public final Counter loginFailed;
    public final Counter loginFailedByIp;
    public final Counter accountLocked;
    public final Counter refreshSuccess;
    public final Counter refreshInvalid;
    public final Counter refreshReused;
    public final Counter tokensRevoked;

    public AuthMetrics(MeterRegistry registry) {
        attempts = counter(registry, "auth.attempts", "Login attempts");
        success = counter(registry, "auth.success", "Successful logins");
        failures = counter(registry, "auth.failures", "Failed authentications");
        loginFailed = counter(registry, "auth.login.failed", "Logins refused for wrong credentials");
        loginFailedByIp = counter(registry, "auth.login.failed.by.ip", "Failed logins recorded against the client address");
        accountLocked = counter(registry, "auth.account.locked", "Emails locked after repeated failures");
        refreshSuccess = counter(registry, "auth.refresh.token.success", "Refresh tokens exchanged");
        refreshInvalid = counter(registry, "auth.refresh.token.invalid", "Refresh tokens refused");
        refreshReused = counter(registry, "auth.refresh.token.blacklisted", "Rotated refresh tokens presented again (theft)");
        tokensRevoked = counter(registry, "auth.token.blacklisted", "Sessions revoked, with their access tokens");
    }

    private static Counter counter(MeterRegistry registry, String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }
}
