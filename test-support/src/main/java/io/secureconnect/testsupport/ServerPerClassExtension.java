package io.secureconnect.testsupport;

import java.util.function.Supplier;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real server of the test class's own: started before its tests, or on first use (so a
 * {@code @DynamicPropertySource} may ask for its address before the class's callbacks run), closed after them,
 * and handed to tests that declare a parameter of its type. Register subclasses in a {@code static} field.
 */
public abstract class ServerPerClassExtension<S extends AutoCloseable>
        implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private final Class<S> type;
    private final Supplier<S> starter;
    private S server;

    protected ServerPerClassExtension(Class<S> type, Supplier<S> starter) {
        this.type = type;
        this.starter = starter;
    }

    public synchronized S server() {
        if (server == null) {
            server = starter.get();
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server();
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == type;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server();
    }
}
