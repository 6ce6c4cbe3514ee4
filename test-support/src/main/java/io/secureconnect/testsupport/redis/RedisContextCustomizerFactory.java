package io.secureconnect.testsupport.redis;

import java.util.HashMap;
import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

import io.secureconnect.testsupport.TestContextResources;

/**
 * Implements {@link WithRedis}; registered in {@code META-INF/spring.factories}. All {@code @WithRedis}
 * customizers are equal, so they do not stop test classes from sharing a context; the database index is
 * allocated per context, when the context is built.
 *
 * <p>Boot's {@code spring.data.redis.url} overrides host, port and database, so it is set too, with the index in
 * its path: an application.yml that sets the URL cannot send the test to the wrong database.
 */
public final class RedisContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return TestContextAnnotationUtils.hasAnnotation(testClass, WithRedis.class) ? new RedisContextCustomizer() : null;
    }

    record RedisContextCustomizer() implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            var database = SharedRedis.allocateDatabase();
            var properties = new HashMap<String, Object>();
            properties.put("spring.data.redis.url", database.url());
            properties.put("spring.data.redis.host", database.host());
            properties.put("spring.data.redis.port", database.port());
            properties.put("spring.data.redis.database", database.index());
            if (database.username() != null) {
                properties.put("spring.data.redis.username", database.username());
            }
            if (database.password() != null) {
                properties.put("spring.data.redis.password", database.password());
            }
            TestContextResources.registerBean(context, "testRedisDatabase", database);
            TestContextResources.addPropertiesFirst(context, "testRedis", properties);
        }
    }
}
