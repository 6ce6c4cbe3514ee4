package io.secureconnect.testsupport.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MailExtension.class)
class TestMailServerIntegrationTest {

    @Test
    void mailSentOverSmtpIsReceivedByEveryRecipient(TestMailServer mail) throws MessagingException {
        send(mail, "alice@example.test", "bob@example.test", "Verify your email",
                "Open https://sc.example/verify?token=abc");

        var toAlice = mail.awaitMessageTo("alice@example.test", Duration.ofSeconds(5));
        var toBob = mail.awaitMessageTo("BOB@example.test");

        assertThat(toAlice).isEqualTo(new ReceivedMail("no-reply@secureconnect.test", "alice@example.test",
                "Verify your email", "Open https://sc.example/verify?token=abc"));
        assertThat(toBob.to()).isEqualTo("BOB@example.test");
        assertThat(mail.receivedMessages()).extracting(ReceivedMail::subject).contains("Verify your email");
    }

    @Test
    void eachAwaitHandsOutTheNextMailToTheAddress(TestMailServer mail) throws MessagingException {
        send(mail, "carol@example.test", null, "first", "1");
        send(mail, "carol@example.test", null, "second", "2");

        assertThat(mail.awaitMessageTo("carol@example.test").subject()).isEqualTo("first");
        assertThat(mail.awaitMessageTo("carol@example.test").subject()).isEqualTo("second");
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> mail.awaitMessageTo("carol@example.test", Duration.ofMillis(200)))
                .withMessageContaining("no further mail to carol@example.test");
    }

    @Test
    void textPartIsTheBodyOfAMultipartMail(TestMailServer mail) throws MessagingException {
        var message = new MimeMessage(session(mail));
        message.setFrom("no-reply@secureconnect.test");
        message.setRecipients(Message.RecipientType.TO, "dave@example.test");
        message.setSubject("Reset your password");
        var text = new MimeBodyPart();
        text.setText("plain link", "UTF-8");
        var html = new MimeBodyPart();
        html.setContent("<a href=\"x\">html link</a>", "text/html; charset=UTF-8");
        message.setContent(new MimeMultipart("alternative", text, html));
        Transport.send(message);

        assertThat(mail.awaitMessageTo("dave@example.test").body()).isEqualTo("plain link");
    }

    private static void send(TestMailServer mail, String to, String cc, String subject, String body)
            throws MessagingException {
        var message = new MimeMessage(session(mail));
        message.setFrom(new InternetAddress("no-reply@secureconnect.test"));
        message.setRecipients(Message.RecipientType.TO, to);
        if (cc != null) {
            message.setRecipients(Message.RecipientType.CC, cc);
        }
        message.setSubject(subject);
        message.setText(body, "UTF-8");
        Transport.send(message);
    }

    private static Session session(TestMailServer mail) {
        var properties = new Properties();
        properties.setProperty("mail.smtp.host", mail.host());
        properties.setProperty("mail.smtp.port", String.valueOf(mail.smtpPort()));
        return Session.getInstance(properties);
    }
}
