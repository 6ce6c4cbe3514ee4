package io.secureconnect.auth.account;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.secureconnect.auth.AuthProperties;
import io.secureconnect.auth.mail.Mail;
import io.secureconnect.auth.mail.MailComposer;
import io.secureconnect.auth.mail.MailOutbox;
import io.secureconnect.auth.mail.MailRequest;
import io.secureconnect.auth.user.User;
import io.secureconnect.auth.user.UserRepository;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;

import org.springframework.stereotype.Component;

/**
 * The emails an account receives, in two halves (S8). On a request's thread only {@link #queue} runs: one insert
 * into the outbox, the same whether or not the address has an account, so neither the answer nor its timing tells.
 * Later, on the sender's thread, {@link #compose} decides whether a mail is due at all (the account exists, is not
 * yet verified, has not had too many mails this hour), issues its link and writes it.
 */
@Component
class AccountEmails implements MailComposer {

    /** The kinds of mail, as recorded in the outbox. */
    enum Kind {
        VERIFY_EMAIL, RESEND_VERIFICATION, PASSWORD_RESET, CHANGE_EMAIL, MFA_RESET, TOTP_ADDED, PASSKEY_ADDED;

        String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Duration HOUR = Duration.ofHours(1);

    private final MailOutbox outbox;
    private final UserRepository users;
    private final OneTimeTokens tokens;
    private final AuthProperties properties;
    private final AuditLogger audit;
    private final Clock clock;

    AccountEmails(MailOutbox outbox, UserRepository users, OneTimeTokens tokens, AuthProperties properties,
                  AuditLogger audit, Clock clock) {
        this.clock = clock;
        this.outbox = outbox;
        this.users = users;
        this.tokens = tokens;
        this.properties = properties;
        this.audit = audit;
    }

    /** Queues a mail about the account ({@code userId}, when known) or the (normalised) address. */
    void queue(Kind kind, UUID userId, String address) {
        outbox.queue(new MailRequest(kind.column(), userId, address));
    }

    @Override
    public Optional<Mail> compose(MailRequest request) {
        return switch (Kind.valueOf(request.kind().toUpperCase(Locale.ROOT))) {
            case VERIFY_EMAIL -> users.findById(request.userId())
                    .filter(user -> !user.emailVerified() && user.email().equals(request.address()))
                    .map(this::verification);
            case RESEND_VERIFICATION -> users.findByEmail(request.address())
                    .filter(user -> !user.emailVerified())
                    .filter(user -> withinHourlyLimit(user, OneTimeTokens.Purpose.VERIFY_EMAIL,
                            properties.verificationMailsPerHour(), "auth.verification_resend"))
                    .map(this::verification);
            case PASSWORD_RESET -> users.findByEmail(request.address())
                    .filter(user -> withinHourlyLimit(user, OneTimeTokens.Purpose.RESET_PASSWORD,
                            properties.resetMailsPerHour(), "auth.password_reset_request"))
                    .map(this::passwordReset);
            case CHANGE_EMAIL -> users.findByEmail(request.address()).isPresent() ? Optional.empty()
                    : users.findById(request.userId()).map(user -> emailChange(user, request.address()));
            // queued by admin's second-factor reset: a notice, no link
            case MFA_RESET -> users.findById(request.userId()).map(this::secondFactorsReset);
            // queued by mfa's SecondFactorNotices when a second factor is added: a notice, no link
            case TOTP_ADDED -> users.findById(request.userId()).map(user -> secondFactorAdded(user, "an authenticator app"));
            case PASSKEY_ADDED -> users.findById(request.userId()).map(user -> secondFactorAdded(user, "a passkey"));
        };
    }

    private boolean withinHourlyLimit(User user, OneTimeTokens.Purpose purpose, int limit, String action) {
        if (tokens.issuedSince(user.id(), purpose, clock.instant().minus(HOUR)) < limit) {
            audit.record(AuditEvent.of(action, AuditResult.SUCCESS).user(user.id()).resource("user:" + user.id()));
            return true;
        }
        audit.record(AuditEvent.of(action, AuditResult.DENIED).user(user.id()).resource("user:" + user.id())
                .reason(limit + " mails within 1h"));
        return false;
    }

    private Mail verification(User user) {
        String token = tokens.issue(user.id(), OneTimeTokens.Purpose.VERIFY_EMAIL, properties.verificationTokenTtl());
        return new Mail(user.email(), "Confirm your email address", """
                Hello %s,

                please confirm your email address for SecureConnect by opening this link:

                %s

                The link works once and expires in %d hours. If you did not create an account, ignore this email.
                """.formatted(user.displayName(), link("verify-email", token), properties.verificationTokenTtl().toHours()));
    }

    private Mail emailChange(User user, String newEmail) {
        String token = tokens.issueEmailChange(user.id(), newEmail, properties.verificationTokenTtl());
        return new Mail(newEmail, "Confirm your new email address", """
                Hello %s,

                to use this address for your SecureConnect account from now on, open:

                %s

                Until then your account keeps its old address. The link works once and expires in %d hours.
                """.formatted(user.displayName(), link("verify-email", token), properties.verificationTokenTtl().toHours()));
    }

    private Mail passwordReset(User user) {
        String token = tokens.issue(user.id(), OneTimeTokens.Purpose.RESET_PASSWORD, properties.resetTokenTtl());
        return new Mail(user.email(), "Reset your password", """
                Hello %s,

                someone asked to reset the password of your SecureConnect account. To choose a new one, open:

                %s

                The link works once and expires in %d minutes. If it was not you, ignore this email: your password
                stays as it is.
                """.formatted(user.displayName(), link("reset-password", token), properties.resetTokenTtl().toMinutes()));
    }

    private Mail secondFactorsReset(User user) {
        return new Mail(user.email(), "Your two-step sign-in was reset", """
                Hello %s,

                an administrator removed the second factors of your SecureConnect account (authenticator app,
                recovery codes and passkeys). You sign in with your password alone until you set up two-step
                sign-in again in Settings.

                If you did not ask for this, change your password and tell your administrator.
                """.formatted(user.displayName()));
    }

    private Mail secondFactorAdded(User user, String what) {
        return new Mail(user.email(), "Two-step sign-in was turned on for your account", """
                Hello %s,

                two-step sign-in was turned on for your SecureConnect account: %s was added as a second factor.

                If this was not you, reset your password now ("Forgot password?" on the sign-in page at %s) and
                remove the second factor you do not know in Settings.
                """.formatted(user.displayName(), what, properties.publicUrl()));
    }

    private String link(String page, String token) {
        return properties.publicUrl() + "/" + page + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
}
