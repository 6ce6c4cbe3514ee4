package io.secureconnect.auth.account;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.secureconnect.auth.AuthErrorCode;
import io.secureconnect.auth.session.Sessions;
import io.secureconnect.auth.user.User;
import io.secureconnect.auth.user.UserRepository;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.text.Storable;
import io.secureconnect.common.web.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Password reset by email, password change when logged in, and email change (both confirmed by the password). Either ends every session, so whoever knew the old
 * password is out. A reset request always answers 202, whether or not the email has an account, after the same
 * work either way (one outbox insert, S8): whether a mail goes out is decided by the sender, off the request.
 */
@RestController
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
                    AccountEmails emails, AuditLogger audit, PasswordPolicy policy,
                    PasswordConfirmation passwords) {
        this.passwords = passwords;
        this.policy = policy;
        this.tokens = tokens;
        this.users = users;
        this.hasher = hasher;
        this.sessions = sessions;
        this.emails = emails;
        this.audit = audit;
    }

    record ResetRequest(@NotBlank @Email @Size(max = 254) String email) {
    }

    record ResetConfirmation(@NotBlank @Size(max = 256) String token,
                             @NotNull @Size(min = PasswordPolicy.MIN_LENGTH, max = PasswordPolicy.MAX_LENGTH) String newPassword) {
    }

    record PasswordChange(@NotNull @Size(max = PasswordPolicy.MAX_LENGTH) String currentPassword,
                          @NotNull @Size(min = PasswordPolicy.MIN_LENGTH, max = PasswordPolicy.MAX_LENGTH) String newPassword) {
    }

    @PostMapping("/api/v1/auth/password-reset/request")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void requestReset(@Valid @RequestBody ResetRequest request) {
        emails.queue(AccountEmails.Kind.PASSWORD_RESET, null, Emails.normalize(request.email()));
    }

    @PostMapping("/api/v1/auth/password-reset/confirm")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void confirmReset(@Valid @RequestBody ResetConfirmation request) {
        UUID userId = tokens.redeem(request.token(), OneTimeTokens.Purpose.RESET_PASSWORD).orElseThrow(() -> {
            audit.failure("auth.password_reset", "user", "invalid, used or expired token");
            return new ApiException(AuthErrorCode.AUTH_INVALID_TOKEN, "This link is invalid, used or expired.");
        });
        User user = users.findById(userId).orElseThrow();
        setPassword(user, request.newPassword(), "auth.password_reset");
    }

    @PostMapping("/api/v1/users/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void change(@Valid @RequestBody PasswordChange request, @AuthenticationPrincipal Jwt token, HttpServletRequest http) {
        User user = users.findById(UUID.fromString(token.getSubject())).orElseThrow();
        passwords.confirm(user, request.currentPassword(), "auth.password_change", http.getRemoteAddr());
        setPassword(user, request.newPassword(), "auth.password_change");
    }

    record EmailChange(@NotBlank @Email @Size(max = 254) @Storable String newEmail,
                       @NotNull @Size(max = PasswordPolicy.MAX_LENGTH) String password) {
    }

    /**
     * Starts an email change, confirmed with the password: a link goes to the new address, and the account moves
     * there only when it is opened. Always 202, so the answer does not tell whether the address has an account.
     */
    @PostMapping("/api/v1/users/me/email")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void changeEmail(@Valid @RequestBody EmailChange request, @AuthenticationPrincipal Jwt token, HttpServletRequest http) {
        User user = users.findById(UUID.fromString(token.getSubject())).orElseThrow();
        passwords.confirm(user, request.password(), "auth.change_email_request", http.getRemoteAddr());
        emails.queue(AccountEmails.Kind.CHANGE_EMAIL, user.id(), Emails.normalize(request.newEmail()));
        audit.record(AuditEvent.of("auth.change_email_request", AuditResult.SUCCESS).user(user.id()).resource("user:" + user.id()));
    }

    private void setPassword(User user, String newPassword, String action) {
        policy.check(newPassword, user.email(), user.displayName());
        users.updatePasswordHash(user.id(), hasher.hash(newPassword));
        sessions.endAll(user.id(), action);
        audit.record(AuditEvent.of(action, AuditResult.SUCCESS).user(user.id()).resource("user:" + user.id()));
    }
}
