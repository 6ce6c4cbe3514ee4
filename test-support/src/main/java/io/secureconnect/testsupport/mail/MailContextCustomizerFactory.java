package io.secureconnect.testsupport.mail;

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
 * Implements {@link WithMail}; registered in {@code META-INF/spring.factories}. The server is started when the
 * context is built and belongs to that context, however many test classes share it.
 */
public final class MailContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return TestContextAnnotationUtils.hasAnnotation(testClass, WithMail.class) ? new MailContextCustomizer() : null;
    }

    record MailContextCustomizer() implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            var server = TestMailServer.start();
            TestContextResources.registerBeanClosedWithContext(context, "testMailServer", server);
            TestContextResources.addPropertiesFirst(context, "testMail", Map.of(
                    "spring.mail.host", server.host(),
                    "spring.mail.port", server.smtpPort()));
        }
    }
}
