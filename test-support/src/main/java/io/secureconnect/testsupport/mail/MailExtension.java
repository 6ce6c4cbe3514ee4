package io.secureconnect.testsupport.mail;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A {@link TestMailServer} of the test class's own, started before its tests (or on first use) and stopped after
 * them; tests receive it as a parameter or through a {@code @RegisterExtension static} field. Spring Boot tests
 * use {@link WithMail}.
 */
public final class MailExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private TestMailServer server;

    public synchronized TestMailServer server() {
        if (server == null) {
            server = TestMailServer.start();
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server();
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestMailServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server();
    }
}
