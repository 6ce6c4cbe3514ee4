package io.secureconnect.testsupport.s3;

import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

import io.secureconnect.testsupport.TestContextResources;

/** Implements {@link WithS3}; registered in {@code META-INF/spring.factories}. */
public final class S3ContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return TestContextAnnotationUtils.hasAnnotation(testClass, WithS3.class) ? new S3ContextCustomizer() : null;
    }

    record S3ContextCustomizer() implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            var server = S3TestServer.shared();
            TestContextResources.registerBean(context, "s3TestServer", server);
            TestContextResources.addPropertiesFirst(context, "testS3", Map.of(
                    "secureconnect.storage.s3.endpoint", server.endpoint(),
                    "secureconnect.storage.s3.access-key", server.accessKey(),
                    "secureconnect.storage.s3.secret-key", server.secretKey(),
                    "secureconnect.storage.s3.region", server.region()));
        }
    }
}
