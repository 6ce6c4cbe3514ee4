package io.secureconnect.auth.login;

import java.util.List;
import java.util.Optional;

import io.secureconnect.auth.AuthErrorCode;
import io.secureconnect.auth.AuthMetrics;
import io.secureconnect.auth.password.PasswordHasher;
import io.secureconnect.auth.session.Sessions;
import io.secureconnect.auth.session.TokenResponse;
import io.secureconnect.auth.user.User;
import io.secureconnect.auth.user.UserRepository;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.web.ApiException;

import org.springframework.stereotype.Service;

/**
 * Logging in: the attempt passes every {@link LoginPolicy}'s gate, then the password is checked, then every policy's
 * account rule, and only then is a session opened. An unknown email costs the same password work as a known one and
 * is answered exactly like a wrong password, so neither timing nor answer tells which accounts exist.
 */
@Service
public class LoggingIn {

    private final List<LoginPolicy> policies;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final AuditLogger audit;
    private final AuthMetrics metrics;

    /** {@code policies} come sorted by their {@code @Order}, the constants of {@link LoginPolicy}. */
    LoggingIn(List<LoginPolicy> policies, UserRepository users, PasswordHasher hasher, Sessions sessions,
              AuditLogger audit, AuthMetrics metrics) {
        this.policies = List.copyOf(policies);
        this.users = users;
        this.hasher = hasher;
        this.sessions = sessions;
        this.audit = audit;
        this.metrics = metrics;
    }

    /** The tokens of a new session; throws the refusal of the first rule that refuses. */
    public TokenResponse logIn(LogIn attempt) {
        metrics.attempts.increment();
        policies.forEach(policy -> policy.checkAttempt(attempt));
        User user = withRightPassword(attempt);
        policies.forEach(policy -> policy.checkAccount(user, attempt));
        policies.forEach(policy -> policy.succeeded(user, attempt));
        TokenResponse tokens = sessions.open(user, attempt.deviceName(), attempt.userAgent(), attempt.clientAddress());
        metrics.success.increment();
        audit.record(AuditEvent.of("auth.login", AuditResult.SUCCESS).user(user.id()).resource("user:" + user.id()));
        return tokens;
    }

    private User withRightPassword(LogIn attempt) {
        Optional<User> account = users.findByEmail(attempt.email());
        boolean valid = account.map(user -> hasher.matches(attempt.password(), user.passwordHash()))
                .orElseGet(() -> {
                    hasher.matchDecoy(attempt.password());
                    return false;
                });
        if (!valid) {
            metrics.failures.increment();
            metrics.loginFailed.increment();
            policies.forEach(policy -> policy.failed(attempt));
            audit.record(AuditEvent.of("auth.login", AuditResult.FAILURE).user(account.map(User::id).orElse(null))
                    .resource("session").reason(account.isPresent() ? "wrong password" : "unknown account"));
            throw new ApiException(AuthErrorCode.AUTH_INVALID_CREDENTIALS, "The email or password is wrong.");
        }
        return account.get();
    }
}
