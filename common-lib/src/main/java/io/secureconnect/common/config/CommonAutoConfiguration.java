package io.secureconnect.common.config;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;

import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditSink;
import io.secureconnect.common.audit.LogAuditSink;
import io.secureconnect.common.metrics.HttpMetrics;
import io.secureconnect.common.shutdown.GracefulShutdown;
import io.secureconnect.common.shutdown.LongLivedConnections;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * What every service gets whatever its web stack: the service metric tag, HTTP metrics, the audit logger and
 * graceful shutdown.
 */
@AutoConfiguration
@EnableConfigurationProperties(SecureConnectProperties.class)
public class CommonAutoConfiguration {

    /**
     * The time every decision reads (expiry, windows, lockouts, retention, quotas), injected rather than taken from
     * {@code Instant.now()}, so a test moves it instead of waiting; a test that declares its own Clock replaces this.
     */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Every series carries {@code service}, as the dashboards and the {@code redis_degraded_mode{service}} alert expect. */
    @Bean
    MeterRegistryCustomizer<MeterRegistry> serviceTag(@Value("${spring.application.name:secureconnect}") String service) {
        return registry -> registry.config().commonTags("service", service);
    }

    @Bean
    @ConditionalOnWebApplication
    HttpMetrics httpMetrics(MeterRegistry registry) {
        return new HttpMetrics(registry);
    }

    @Bean
    LogAuditSink logAuditSink() {
        return new LogAuditSink();
    }

    @Bean
    AuditLogger auditLogger(@Value("${spring.application.name:secureconnect}") String service, List<AuditSink> sinks,
                            MeterRegistry registry) {
        return new AuditLogger(service, sinks, registry);
    }

    @Bean
    GracefulShutdown gracefulShutdown(ApplicationEventPublisher events, SecureConnectProperties properties,
                                      ObjectProvider<LongLivedConnections> connections) {
        return new GracefulShutdown(events, properties.shutdown().drainDelay(), connections.orderedStream().toList());
    }
}
