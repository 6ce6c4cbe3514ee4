package io.secureconnect.testsupport;

import java.util.Map;

import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * What the {@code @With*} context customizers have in common: put properties in front of everything else in the
 * test context's environment, and hand a server or database to the context so that it lives exactly as long as
 * the (cached) context does.
 */
public final class TestContextResources {

    private TestContextResources() {
    }

    /** Adds the properties with the highest precedence, so they win over application.yml and test properties. */
    public static void addPropertiesFirst(ConfigurableApplicationContext context, String sourceName,
            Map<String, Object> properties) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(sourceName, properties));
    }

    /** Registers an object that the context shares with others (a JVM-wide server) as a singleton bean. */
    public static void registerBean(ConfigurableApplicationContext context, String beanName, Object bean) {
        context.getBeanFactory().registerSingleton(beanName, bean);
    }

    /**
     * Registers the resource as a singleton bean and closes it when the context closes. Registered before the
     * refresh, it is destroyed after every bean the application defines (a database is dropped only after the
     * connection pool that uses it has shut down), and also when the refresh fails.
     */
    public static void registerBeanClosedWithContext(ConfigurableApplicationContext context, String beanName,
            AutoCloseable resource) {
        var beanFactory = context.getBeanFactory();
        beanFactory.registerSingleton(beanName, resource);
        if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
            registry.registerDisposableBean(beanName, resource::close);
        } else {
            context.addApplicationListener(new CloseOnContextClosed(context, resource));
        }
    }

    /**
     * The class whose context a test class uses: a {@code @Nested} class that inherits its enclosing class's
     * configuration shares that class's context, database included.
     */
    public static Class<?> owningTestClass(Class<?> testClass) {
        var owner = testClass;
        while (TestContextAnnotationUtils.searchEnclosingClass(owner)) {
            owner = owner.getEnclosingClass();
        }
        return owner;
    }

    private record CloseOnContextClosed(ConfigurableApplicationContext context, AutoCloseable resource)
            implements ApplicationListener<ContextClosedEvent> {

        @Override
        public void onApplicationEvent(ContextClosedEvent event) {
            if (event.getApplicationContext() != context) {
                return;
            }
            try {
                resource.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not close " + resource, e);
            }
        }
    }
}
