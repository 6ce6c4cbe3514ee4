package io.secureconnect.testsupport.jwt;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a Spring Boot test trust {@link TestTokens}: {@code secureconnect.security.jwks-uri} points at the shared
 * {@link TestJwks} (also the bean {@code testJwks}), {@code secureconnect.security.issuer} and {@code .audience} are
 * {@code secureconnect}.
 *
 * @see TestJwksContextCustomizerFactory
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface WithTestJwks {
}
