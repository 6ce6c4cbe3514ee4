package io.secureconnect.auth.mail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import io.secureconnect.common.id.Ids;

/**
 * For local runs without an SMTP server: each email becomes an {@code .eml} file in a folder, which any mail client
 * opens, so verification and reset links can be followed by hand.
 */
class FileMailTransport implements MailTransport {

    private final Path folder;
    private final String from;

    FileMailTransport(Path folder, String from) {
        this.folder = folder;
        this.from = from;
    }

    @Override
    public void send(Mail mail) {
        try {
            Files.createDirectories(folder);
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
            message.setFrom(new InternetAddress(from));
            message.setRecipients(MimeMessage.RecipientType.TO, InternetAddress.parse(mail.to()));
            message.setSubject(mail.subject(), "UTF-8");
            message.setText(mail.body(), "UTF-8");
            String name = Ids.newId() + ".eml";
            Path partial = folder.resolve(name + ".partial");
            try (OutputStream out = Files.newOutputStream(partial)) {
                message.writeTo(out);
            }
            // whoever reads the folder (a person, a test, the curl journey) never sees half a mail
            Files.move(partial, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write mail to " + folder, e);
        } catch (MessagingException e) {
            throw new IllegalStateException("Cannot build mail to " + mail.to(), e);
        }
    }
}
