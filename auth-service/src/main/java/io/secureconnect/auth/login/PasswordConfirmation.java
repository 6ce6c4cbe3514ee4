package io.secureconnect.auth.login;

import java.util.List;

import io.secureconnect.auth.AuthErrorCode;
import io.secureconnect.auth.password.PasswordHasher;
import io.secureconnect.auth.user.User;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.web.ApiException;

import org.springframework.stereotype.Component;

/**
 * The password a logged-in user types to confirm a change (password, email, deleting the account), under the same
 * lockout as logins (S21): a stolen access token must not become an unthrottled oracle for the password. It runs the
 * gate half of the {@link LoginPolicy login policies}: their gate before any password work, and every wrong password
 * counted as a failed login and audited. Their account rules are about opening a session, which a confirmation does
 * not do, and a success forgives nothing: only a login does.
 */
@Component
public class PasswordConfirmation {

    private final List<LoginPolicy> policies;
    private final PasswordHasher hasher;
    private final AuditLogger audit;

    PasswordConfirmation(List<LoginPolicy> policies, PasswordHasher hasher, AuditLogger audit) {
        this.policies = List.copyOf(policies);
        this.hasher = hasher;
        this.audit = audit;
    }

    /** Returns when {@code password} is the user's; refuses (locked, or wrong password) otherwise. */
    public void confirm(User user, String password, String action, String clientAddress) {
        LogIn attempt = new LogIn(user.email(), password, null, clientAddress, null, true);
        policies.forEach(policy -> policy.checkAttempt(attempt));
        if (!hasher.matches(password, user.passwordHash())) {
            policies.forEach(policy -> policy.failed(attempt));
            audit.record(AuditEvent.of(action, AuditResult.FAILURE).user(user.id()).resource("user:" + user.id())
                    .reason("wrong password"));
            throw new ApiException(AuthErrorCode.AUTH_INVALID_CREDENTIALS, "The password is wrong.");
        }
    }
}
