package io.secureconnect.auth.mail;

import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/** SMTP when {@code spring.mail.host} is configured, otherwise the local outbox folder. */
@Configuration(proxyBeanMethods = false)
class MailConfiguration {

    @Bean
    MailTransport mailTransport(ObjectProvider<JavaMailSender> smtp, MailProperties properties) {
        JavaMailSender sender = smtp.getIfAvailable();
        if (sender != null) {
            return new SmtpMailTransport(sender, properties.from());
        }
        LoggerFactory.getLogger(MailConfiguration.class).warn("No SMTP server configured (spring.mail.host): emails are written to {}",
                properties.outboxDir().toAbsolutePath());
        return new FileMailTransport(properties.outboxDir(), properties.from());
    }
}
