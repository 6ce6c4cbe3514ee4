package io.secureconnect.common.tracing;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.tracing.autoconfigure.TracingProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Tracing is Spring Boot's: Micrometer Observation, Micrometer Tracing's OpenTelemetry bridge and the OTLP/HTTP
 * exporter, with common-lib's defaults in {@code secureconnect-defaults.properties} (W3C propagation only, no
 * baggage, no spans for Spring Security's filters, Redis commands, scheduled tasks or the management endpoints).
 * Every request gets a span and therefore a trace id in the MDC ({@code traceId}, {@code spanId}, written as
 * {@code trace_id}, {@code span_id}), sampled or not.
 *
 * <p>This class only decides what is recorded: spans are recorded at {@code management.tracing.sampling.probability}
 * when an exporter is configured, and otherwise only when the caller asked for it (a sampled {@code traceparent}), so
 * a service without a tracing backend does not record spans that would go nowhere.
 */
@AutoConfiguration(before = OpenTelemetryTracingAutoConfiguration.class)
@ConditionalOnClass({ Sampler.class, TracingProperties.class })
@EnableConfigurationProperties(TracingProperties.class)
public class TracingAutoConfiguration {

    @Bean
    Sampler otelSampler(TracingProperties properties, ObjectProvider<SpanExporter> exporters) {
        boolean exporting = exporters.stream().findAny().isPresent();
        Sampler root = exporting ? Sampler.traceIdRatioBased(properties.getSampling().getProbability())
                : Sampler.alwaysOff();
        return Sampler.parentBased(root);
    }
}
