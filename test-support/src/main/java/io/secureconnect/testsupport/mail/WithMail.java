package io.secureconnect.testsupport.mail;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a Spring Boot test context an SMTP server of its own: {@code spring.mail.host} and {@code spring.mail.port}
 * point at a {@link TestMailServer}, which is the bean {@code testMailServer} and stops when the context closes.
 *
 * @see MailContextCustomizerFactory
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface WithMail {
}
