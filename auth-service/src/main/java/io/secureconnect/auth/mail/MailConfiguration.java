package io.secureconnect.auth.mail;

import java.nio.file.Path;

import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/** SMTP when {@code spring.mail.host} is configured, otherwise the local outbox folder. */
@Configuration(proxyBeanMethods = false)
class MailConfiguration {

    @Bean
    MailOutbox mailOutbox(ObjectProvider<JavaMailSender> smtp, @Value("${secureconnect.mail.from}") String from,
                          @Value("${secureconnect.mail.outbox-dir}") Path outbox) {
        JavaMailSender sender = smtp.getIfAvailable();
        if (sender != null) {
            return new SmtpMailOutbox(sender, from);
        }
        LoggerFactory.getLogger(MailConfiguration.class)
                .warn("No SMTP server configured (spring.mail.host): emails are written to {}", outbox.toAbsolutePath());
        return new FileMailOutbox(outbox, from);
    }
}
