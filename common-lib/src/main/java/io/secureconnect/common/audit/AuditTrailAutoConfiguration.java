package io.secureconnect.common.audit;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The durable audit trail for every service that can reach PostgreSQL (JDBC driver, Hikari and Flyway present):
 * a {@link DatabaseAuditSink} beside the log sink, and {@link AuditTrail} to read it. The gateway, without JDBC,
 * keeps the log stream only.
 */
@AutoConfiguration
@ConditionalOnClass(name = {"org.postgresql.Driver", "com.zaxxer.hikari.HikariDataSource", "org.flywaydb.core.Flyway",
        "org.flywaydb.database.postgresql.PostgreSQLDatabaseType"})
@ConditionalOnBooleanProperty(name = "secureconnect.audit.trail.enabled", matchIfMissing = true)
@EnableConfigurationProperties(AuditTrailProperties.class)
public class AuditTrailAutoConfiguration {

    @Bean(destroyMethod = "close")
    AuditTrailStore auditTrailStore(AuditTrailProperties properties) {
        return new AuditTrailStore(properties);
    }

    /** Read (or generated) once at startup: a key that cannot be had is a configuration error worth failing on. */
    @Bean
    AuditChainKey auditChainKey(AuditTrailProperties properties) {
        return AuditChainKey.resolve(properties.chainKey(), properties.chainKeyFile());
    }

    @Bean
    AuditChainHeads auditChainHeads(AuditTrailProperties properties) {
        return new AuditChainHeads(properties.headFile());
    }

    @Bean(destroyMethod = "close")
    DatabaseAuditSink databaseAuditSink(AuditTrailStore store, AuditTrailProperties properties, MeterRegistry meters,
                                        @Value("${spring.application.name:secureconnect}") String service,
                                        AuditChainKey key, AuditChainHeads heads) {
        return new DatabaseAuditSink(store, properties, service, instanceId(properties), meters, key, heads);
    }

    @Bean
    AuditTrail auditTrail(AuditTrailStore store, AuditChainKey key, AuditChainHeads heads, AuditTrailProperties properties) {
        return new AuditTrail(store, key, heads, properties);
    }

    /** The configured id, or host name plus a random suffix: every process start begins a chain of its own. */
    private static String instanceId(AuditTrailProperties properties) {
        if (properties.instanceId() != null && !properties.instanceId().isBlank()) {
            return safe(properties.instanceId());
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "host";
        }
        byte[] suffix = new byte[4];
        ThreadLocalRandom.current().nextBytes(suffix);
        return safe(host) + "-" + HexFormat.of().formatHex(suffix);
    }

    private static String safe(String text) {
        String cleaned = text.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.length() > 60 ? cleaned.substring(0, 60) : cleaned;
    }
}
