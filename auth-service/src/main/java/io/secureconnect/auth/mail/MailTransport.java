package io.secureconnect.auth.mail;

/**
 * How a rendered mail leaves: an SMTP server in production, files in a folder for local runs. Only
 * {@link OutboxSender} calls it, from the outbox; nothing sends on a request's thread.
 */
interface MailTransport {

    void send(Mail mail);
}
