package io.secureconnect.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import io.secureconnect.storage.quota.QuotaLedger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The storage metrics of ARCHITECTURE §7, registered at startup so dashboards see zeros, not gaps:
 * {@code storage_uploads_total} (completed uploads), {@code storage_downloads_total} (download URLs handed out),
 * {@code storage_quota_exceeded_total} and {@code storage_bytes_stored} (bytes of ready files, all users, read from
 * PostgreSQL so every instance reports the same total; re-read at most every few seconds).
 */
@Component
public class StorageMetrics {

    private static final Logger log = LoggerFactory.getLogger(StorageMetrics.class);
    private static final Duration BYTES_STORED_MAX_AGE = Duration.ofSeconds(5);

    public final Counter uploads;
    public final Counter downloads;
    public final Counter quotaExceeded;
    private final QuotaLedger ledger;
    private final AtomicLong bytesStored = new AtomicLong();
    private final AtomicReference<Instant> bytesStoredAt = new AtomicReference<>(Instant.EPOCH);

    public StorageMetrics(MeterRegistry registry, QuotaLedger ledger) {
        this.ledger = ledger;
        uploads = Counter.builder("storage.uploads").description("Uploads completed and verified").register(registry);
        downloads = Counter.builder("storage.downloads").description("Download URLs handed out").register(registry);
        quotaExceeded = Counter.builder("storage.quota.exceeded").description("Uploads refused for the quota")
                .register(registry);
        Gauge.builder("storage.bytes.stored", this, StorageMetrics::currentBytesStored)
                .description("Bytes of completed files across all users").register(registry);
    }

    private double currentBytesStored() {
        Instant readAt = bytesStoredAt.get();
        if (readAt.plus(BYTES_STORED_MAX_AGE).isBefore(Instant.now()) && bytesStoredAt.compareAndSet(readAt, Instant.now())) {
            try {
                bytesStored.set(ledger.totalUsed());
            } catch (RuntimeException e) {
                log.warn("Could not read the stored bytes total: {}", e.getMessage());
            }
        }
        return bytesStored.get();
    }
}
