package io.secureconnect.systemtests;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that runs against the whole system ({@link SecureConnectSystem}); its test methods and
 * lifecycle methods may take the running system as a parameter.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SecureConnectSystemExtension.class)
@interface SystemTest {
}
