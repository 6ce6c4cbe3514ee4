package io.secureconnect.testsupport.jwt;

import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

import io.secureconnect.testsupport.TestContextResources;

/** Implements {@link WithTestJwks}; registered in {@code META-INF/spring.factories}. */
public final class TestJwksContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return TestContextAnnotationUtils.hasAnnotation(testClass, WithTestJwks.class)
                ? new TestJwksContextCustomizer()
                : null;
    }

    record TestJwksContextCustomizer() implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            var jwks = TestJwks.shared();
            TestContextResources.registerBean(context, "testJwks", jwks);
            TestContextResources.addPropertiesFirst(context, "testJwks", Map.of(
                    "secureconnect.security.jwks-uri", jwks.jwksUri(),
                    "secureconnect.security.issuer", TestTokens.ISSUER,
                    "secureconnect.security.audience", TestTokens.AUDIENCE));
        }
    }
}
