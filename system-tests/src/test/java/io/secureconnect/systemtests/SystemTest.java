package io.secureconnect.systemtests;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.secureconnect.testsupport.websocket.AsyncApiFrameCheck;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that runs against the whole system ({@link SecureConnectSystem}); its test methods and
 * lifecycle methods may take the running system as a parameter. Every frame its {@code TestSocket}s receive on
 * {@code /ws/chat} and {@code /ws/calls} is checked against docs/chat-asyncapi.yaml and docs/calls-asyncapi.yaml; a
 * frame that does not match fails the test it arrived in.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith({SecureConnectSystemExtension.class, AsyncApiFrameCheck.class})
@interface SystemTest {
}
