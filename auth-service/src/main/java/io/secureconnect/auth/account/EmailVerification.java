package io.secureconnect.auth.account;

import java.util.List;
import java.util.UUID;

import io.secureconnect.auth.AuthErrorCode;
import io.secureconnect.auth.user.EmailVerified;
import io.secureconnect.auth.user.Emails;
import io.secureconnect.auth.user.UserRepository;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.web.ApiException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Confirms an email address with a single-use link: the one sent at registration, or the one sent to a new
 * address, which only then replaces the old one (if no one else has taken it meanwhile); and sends a new link on
 * request.
 */
@Service
class EmailVerification {

    private final OneTimeTokens tokens;
    private final UserRepository users;
    private final AuditLogger audit;
    private final ApplicationEventPublisher events;
    private final AccountEmails emails;

    EmailVerification(OneTimeTokens tokens, UserRepository users, AuditLogger audit, ApplicationEventPublisher events,
                      AccountEmails emails) {
        this.emails = emails;
        this.tokens = tokens;
        this.users = users;
        this.audit = audit;
        this.events = events;
    }

    void verify(String token) {
        var redeemed = tokens.redeemAny(token,
                List.of(OneTimeTokens.Purpose.VERIFY_EMAIL, OneTimeTokens.Purpose.CHANGE_EMAIL)).orElseThrow(() -> {
                    audit.failure("auth.verify_email", "user", "invalid, used or expired token");
                    return new ApiException(AuthErrorCode.AUTH_INVALID_TOKEN, "This link is invalid, used or expired.");
                });
        UUID userId = redeemed.userId();
        if (redeemed.purpose() == OneTimeTokens.Purpose.CHANGE_EMAIL && !users.changeEmail(userId, redeemed.newEmail())) {
            audit.failure("auth.change_email", "user:" + userId, "address taken meanwhile");
            throw new ApiException(AuthErrorCode.AUTH_EMAIL_TAKEN, "This address now belongs to another account.");
        }
        users.markEmailVerified(userId);
        users.findById(userId).ifPresent(user -> events.publishEvent(new EmailVerified(userId, user.email())));
        String action = redeemed.purpose() == OneTimeTokens.Purpose.CHANGE_EMAIL ? "auth.change_email" : "auth.verify_email";
        audit.record(AuditEvent.of(action, AuditResult.SUCCESS).user(userId).resource("user:" + userId));
    }

    /**
     * Sends a new verification link to an address whose account is not verified yet. Always 202 after one outbox
     * insert (S8): whether the address has an account, and whether it is verified, is decided by the sender.
     */
    void resend(String email) {
        emails.queue(AccountEmails.Kind.RESEND_VERIFICATION, null, Emails.normalize(email));
    }
}
