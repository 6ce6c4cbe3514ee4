package io.secureconnect.testsupport.mail;

import java.io.IOException;
import java.util.Optional;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * A mail as a test reads it: the sender's address, the mailbox it was delivered to (one {@code ReceivedMail} per
 * recipient, Bcc included), the decoded subject, and the text body (the text/plain part, else the HTML part).
 */
public record ReceivedMail(String from, String to, String subject, String body) {

    static ReceivedMail of(String mailbox, MimeMessage message) {
        try {
            return new ReceivedMail(firstAddress(message.getFrom()), mailbox, message.getSubject(),
                    text(message, "text/plain").or(() -> text(message, "text/html")).orElse(""));
        } catch (MessagingException e) {
            throw new IllegalStateException("unreadable mail to " + mailbox, e);
        }
    }

    private static String firstAddress(Address[] addresses) {
        if (addresses == null || addresses.length == 0) {
            return null;
        }
        return addresses[0] instanceof InternetAddress internet ? internet.getAddress() : addresses[0].toString();
    }

    private static Optional<String> text(Part part, String mimeType) {
        try {
            if (part.isMimeType(mimeType)) {
                return Optional.of(part.getContent().toString());
            }
            if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    var found = text(multipart.getBodyPart(i), mimeType);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            return Optional.empty();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("unreadable mail part", e);
        }
    }
}
