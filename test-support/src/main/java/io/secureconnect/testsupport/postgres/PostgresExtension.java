package io.secureconnect.testsupport.postgres;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a plain (non-Spring) test class its own fresh database, dropped after the class; test methods, lifecycle
 * methods and constructors receive it as a {@link TestDatabase} parameter. {@code @Nested} classes share the
 * database of the class that encloses them.
 *
 * <pre>{@code
 * @ExtendWith(PostgresExtension.class)
 * class MessageRepositoryIntegrationTest {
 *     MessageRepositoryIntegrationTest(TestDatabase database) { ... database.dataSource() ... }
 * }
 * }</pre>
 *
 * Spring Boot tests use {@link WithPostgres} instead.
 */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresExtension.class);
    private static final String DATABASE = "database";

    @Override
    public void beforeAll(ExtensionContext context) {
        var store = context.getStore(NAMESPACE);
        if (store.get(DATABASE, TestDatabase.class) == null) {
            store.put(DATABASE, TestDatabases.create());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        var ownDatabase = context.getStore(NAMESPACE).remove(DATABASE, TestDatabase.class);
        if (ownDatabase != null) {
            ownDatabase.drop();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).get(DATABASE, TestDatabase.class);
    }
}
