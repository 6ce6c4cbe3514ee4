package io.secureconnect.auth.mail;

import java.util.UUID;

/**
 * What a request asks to be mailed, as it is recorded in the outbox: the kind of mail, and the account
 * ({@code userId}, when the request knows it) or the address it is about. The mail itself is written later, by the
 * {@link MailComposer}, off the request's thread.
 */
public record MailRequest(String kind, UUID userId, String address) {
}
