package io.secureconnect.auth.mail;

import java.util.Optional;

/**
 * Turns a recorded {@link MailRequest} into the mail to send, or into nothing (no such account, already verified,
 * too many mails this hour). Runs on the sender's thread inside the transaction that stores the rendered mail, so a
 * link it issues is issued once even if delivery has to be retried.
 */
public interface MailComposer {

    Optional<Mail> compose(MailRequest request);
}
