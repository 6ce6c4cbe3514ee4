package io.secureconnect.testsupport.postgres;

import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

import io.secureconnect.testsupport.TestContextResources;

/**
 * Implements {@link WithPostgres}; registered in {@code META-INF/spring.factories}. The customizer is part of the
 * context cache key and equal only for the same (owning) test class, so no two test classes share a database.
 * The database is created when the context is built, not when the cache key is computed.
 */
public final class PostgresContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        if (!TestContextAnnotationUtils.hasAnnotation(testClass, WithPostgres.class)) {
            return null;
        }
        return new PostgresContextCustomizer(TestContextResources.owningTestClass(testClass));
    }

    record PostgresContextCustomizer(Class<?> testClass) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            var database = TestDatabases.create();
            TestContextResources.registerBeanClosedWithContext(context, "testDatabase", database);
            TestContextResources.addPropertiesFirst(context, "testDatabase", Map.of(
                    "spring.datasource.url", database.jdbcUrl(),
                    "spring.datasource.username", database.username(),
                    "spring.datasource.password", database.password(),
                    // test contexts stay cached, each with its pool: keep them small so a module's classes together
                    // stay well below PostgreSQL's connection limit
                    "spring.datasource.hikari.maximum-pool-size", "4",
                    "spring.datasource.hikari.minimum-idle", "1"));
        }
    }
}
