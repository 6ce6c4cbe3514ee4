package io.secureconnect.auth.mail;

/** A plain-text email to one recipient. */
public record Mail(String to, String subject, String body) {
}
