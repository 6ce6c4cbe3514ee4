package io.secureconnect.common.audit;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The durable audit trail in the shared {@code audit} database; defaults in {@code secureconnect-defaults.properties}.
 *
 * @param enabled             false keeps only the log stream (e.g. a service without PostgreSQL access)
 * @param url                 JDBC URL of the shared audit database, created when missing
 * @param username            login for it; defaults to the service's own database login
 * @param password            its password
 * @param spoolDir            where events wait on disk while the database is unreachable
 * @param instanceId          names this instance's hash chain; empty means host name plus a random suffix
 * @param queueCapacity       events held in memory before callers wait for the writer
 * @param batchSize           most events written in one transaction
 * @param flushInterval       longest an event waits in memory before it is written
 * @param retryInterval       time between attempts to reach the database while it is down
 * @param retention           partitions entirely older than this are dropped
 * @param maintenanceInterval how often partitions are created ahead and expired ones dropped
 * @param chainKey            base64 HMAC key of the hash chain (at least 32 bytes), never stored in the database;
 *                            the same on every service whose chains one verifier checks. Empty: {@code chainKeyFile}
 * @param chainKeyFile        where the key is generated once (mode 600) and read again when {@code chainKey} is empty
 * @param headFile            append-only file outside the database that the latest chain heads are exported to
 * @param headExportInterval  how often new chain heads are appended to {@code headFile}
 */
@ConfigurationProperties("secureconnect.audit.trail")
public record AuditTrailProperties(@DefaultValue("true") boolean enabled,
                                   @DefaultValue("jdbc:postgresql://127.0.0.1:5432/audit") String url,
                                   String username, String password,
                                   @DefaultValue(".secureconnect/audit-spool") Path spoolDir,
                                   String instanceId,
                                   @DefaultValue("10000") int queueCapacity,
                                   @DefaultValue("500") int batchSize,
                                   @DefaultValue("200ms") Duration flushInterval,
                                   @DefaultValue("1s") Duration retryInterval,
                                   @DefaultValue("400d") Duration retention,
                                   @DefaultValue("6h") Duration maintenanceInterval,
                                   String chainKey,
                                   @DefaultValue(".secureconnect/audit-chain.key") Path chainKeyFile,
                                   @DefaultValue(".secureconnect/audit-chain-heads.jsonl") Path headFile,
                                   @DefaultValue("1m") Duration headExportInterval) {
}
