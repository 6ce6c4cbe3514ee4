package io.secureconnect.auth.mfa;

import java.util.Locale;
import java.util.UUID;

import io.secureconnect.auth.mail.MailOutbox;
import io.secureconnect.auth.mail.MailRequest;
import io.secureconnect.auth.user.UserRepository;

import org.springframework.stereotype.Component;

/**
 * Tells the user by mail that a second factor was added to their account, so one planted by someone holding their
 * password (or a session of theirs) does not go unnoticed. The mail is queued in the caller's transaction and written
 * by account's mail composer (kinds {@code totp_added}, {@code passkey_added}).
 */
@Component
public class SecondFactorNotices {

    /** What was added; its name is the outbox kind of the notice. */
    public enum Factor {
        TOTP_ADDED, PASSKEY_ADDED;

        public String mailKind() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MailOutbox outbox;
    private final UserRepository users;

    SecondFactorNotices(MailOutbox outbox, UserRepository users) {
        this.outbox = outbox;
        this.users = users;
    }

    /** Queues the notice for the account's current address; nothing when the account is gone. */
    public void added(UUID userId, Factor factor) {
        users.findById(userId).ifPresent(user -> outbox.queue(new MailRequest(factor.mailKind(), user.id(), user.email())));
    }
}
