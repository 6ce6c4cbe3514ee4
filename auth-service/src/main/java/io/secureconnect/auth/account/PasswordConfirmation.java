package io.secureconnect.auth.account;

import io.secureconnect.auth.AuthErrorCode;
import io.secureconnect.auth.lockout.LoginThrottle;
import io.secureconnect.auth.user.User;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.web.ApiException;

import org.springframework.stereotype.Component;

/**
 * The password a logged-in user types to confirm a change (password, email, deleting the account), under the same
 * lockout as logins (S21): a stolen access token must not become an unthrottled oracle for the password. The gate is
 * checked before any password work, every wrong password counts as a failed login and is audited.
 */
@Component
class PasswordConfirmation {

    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final AuditLogger audit;

    PasswordConfirmation(PasswordHasher hasher, LoginThrottle throttle, AuditLogger audit) {
        this.hasher = hasher;
        this.throttle = throttle;
        this.audit = audit;
    }

    /** Returns when {@code password} is the user's; refuses (locked, or wrong password) otherwise. */
    void confirm(User user, String password, String action, String clientIp) {
        throttle.checkAllowed(user.email(), clientIp);
        if (!hasher.matches(password, user.passwordHash())) {
            throttle.recordFailure(user.email(), clientIp);
            audit.record(AuditEvent.of(action, AuditResult.FAILURE).user(user.id()).resource("user:" + user.id())
                    .reason("wrong password"));
            throw new ApiException(AuthErrorCode.AUTH_INVALID_CREDENTIALS, "The password is wrong.");
        }
    }
}
