package io.secureconnect.auth.account;

import java.util.UUID;

import io.secureconnect.auth.AuthErrorCode;
import io.secureconnect.auth.login.PasswordConfirmation;
import io.secureconnect.auth.password.PasswordHasher;
import io.secureconnect.auth.session.Sessions;
import io.secureconnect.auth.user.Emails;
import io.secureconnect.auth.user.User;
import io.secureconnect.auth.user.UserRepository;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.web.ApiException;

import org.springframework.stereotype.Service;

/**
 * Password reset by email, password change when logged in, and email change (both confirmed by the password). Either
 * password change ends every session, so whoever knew the old password is out. A reset request is the same work
 * whether or not the email has an account (one outbox insert, S8): whether a mail goes out is decided by the sender,
 * off the request.
 */
@Service
class CredentialChanges {

    private final OneTimeTokens tokens;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final AccountEmails emails;
    private final AuditLogger audit;
    private final PasswordPolicy policy;
    private final PasswordConfirmation passwords;

    CredentialChanges(OneTimeTokens tokens, UserRepository users, PasswordHasher hasher, Sessions sessions,
                      AccountEmails emails, AuditLogger audit, PasswordPolicy policy, PasswordConfirmation passwords) {
        this.passwords = passwords;
        this.policy = policy;
        this.tokens = tokens;
        this.users = users;
        this.hasher = hasher;
        this.sessions = sessions;
        this.emails = emails;
        this.audit = audit;
    }

    void requestReset(String email) {
        emails.queue(AccountEmails.Kind.PASSWORD_RESET, null, Emails.normalize(email));
    }

    void confirmReset(String token, String newPassword) {
        UUID userId = tokens.redeem(token, OneTimeTokens.Purpose.RESET_PASSWORD).orElseThrow(() -> {
            audit.failure("auth.password_reset", "user", "invalid, used or expired token");
            return new ApiException(AuthErrorCode.AUTH_INVALID_TOKEN, "This link is invalid, used or expired.");
        });
        User user = users.findById(userId).orElseThrow();
        setPassword(user, newPassword, "auth.password_reset");
    }

    void changePassword(UUID userId, String currentPassword, String newPassword, String clientAddress) {
        User user = users.findById(userId).orElseThrow();
        passwords.confirm(user, currentPassword, "auth.password_change", clientAddress);
        setPassword(user, newPassword, "auth.password_change");
    }

    /** A link goes to the new address, and the account moves there only when it is opened. */
    void changeEmail(UUID userId, String newEmail, String password, String clientAddress) {
        User user = users.findById(userId).orElseThrow();
        passwords.confirm(user, password, "auth.change_email_request", clientAddress);
        emails.queue(AccountEmails.Kind.CHANGE_EMAIL, user.id(), Emails.normalize(newEmail));
        audit.record(AuditEvent.of("auth.change_email_request", AuditResult.SUCCESS).user(user.id()).resource("user:" + user.id()));
    }

    private void setPassword(User user, String newPassword, String action) {
        policy.check(newPassword, user.email(), user.displayName());
        users.updatePasswordHash(user.id(), hasher.hash(newPassword));
        sessions.endAll(user.id(), action);
        audit.record(AuditEvent.of(action, AuditResult.SUCCESS).user(user.id()).resource("user:" + user.id()));
    }
}
