package io.secureconnect.testsupport.s3;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * An {@link S3TestServer} of the test class's own, started before its tests (or on first use) and stopped after
 * them; tests receive it as a parameter or through a {@code @RegisterExtension static} field. Spring Boot tests
 * use {@link WithS3}.
 */
public final class S3Extension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private S3TestServer server;

    public synchronized S3TestServer server() {
        if (server == null) {
            server = S3TestServer.start();
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
        return parameter.getParameter().getType() == S3TestServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server();
    }
}
