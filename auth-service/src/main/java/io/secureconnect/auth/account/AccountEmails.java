package io.secureconnect.auth.account;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.secureconnect.auth.AuthProperties;
import io.secureconnect.auth.mail.Mail;
import io.secureconnect.auth.mail.MailOutbox;
import io.secureconnect.auth.user.User;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The emails an account receives. A mail that cannot be sent is logged, never failed back to the client: the
 * account change stands, and the user can ask again.
 */
@Component
class AccountEmails {

    private static final Logger log = LoggerFactory.getLogger(AccountEmails.class);

    private final MailOutbox outbox;
    private final AuthProperties properties;

    AccountEmails(MailOutbox outbox, AuthProperties properties) {
        this.outbox = outbox;
        this.properties = properties;
    }

    void verification(User user, String token) {
        send(new Mail(user.email(), "Confirm your email address", """
                Hello %s,

                please confirm your email address for SecureConnect by opening this link:

                %s

                The link works once and expires in %d hours. If you did not create an account, ignore this email.
                """.formatted(user.displayName(), link("verify-email", token), properties.verificationTokenTtl().toHours())));
    }

    void emailChange(User user, String newEmail, String token) {
        send(new Mail(newEmail, "Confirm your new email address", """
                Hello %s,

                to use this address for your SecureConnect account from now on, open:

                %s

                Until then your account keeps its old address. The link works once and expires in %d hours.
                """.formatted(user.displayName(), link("verify-email", token), properties.verificationTokenTtl().toHours())));
    }

    void passwordReset(User user, String token) {
        send(new Mail(user.email(), "Reset your password", """
                Hello %s,

                someone asked to reset the password of your SecureConnect account. To choose a new one, open:

                %s

                The link works once and expires in %d minutes. If it was not you, ignore this email: your password
                stays as it is.
                """.formatted(user.displayName(), link("reset-password", token), properties.resetTokenTtl().toMinutes())));
    }

    private String link(String page, String token) {
        return properties.publicUrl() + "/" + page + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    private void send(Mail mail) {
        try {
            outbox.send(mail);
        } catch (RuntimeException e) {
            log.error("Could not send \"{}\" mail", mail.subject(), e);
        }
    }
}
