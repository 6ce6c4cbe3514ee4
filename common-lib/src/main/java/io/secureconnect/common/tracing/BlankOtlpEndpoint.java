package io.secureconnect.common.tracing;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * An empty {@code MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT} (how a compose {@code .env} says "no
 * tracing backend") means no exporter, as an unset one does. Spring Boot would otherwise build an exporter for the
 * URL "" and the service would not start.
 */
public class BlankOtlpEndpoint implements EnvironmentPostProcessor {

    static final String ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String endpoint = environment.getProperty(ENDPOINT);
        if (endpoint != null && endpoint.isBlank()) {
            environment.getPropertySources().addFirst(new MapPropertySource("secureconnect-no-otlp-endpoint",
                    Map.of("management.tracing.export.otlp.enabled", "false")));
        }
    }
}
