package io.secureconnect.common.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists audit events to the shared audit database off the request path: callers only enqueue; one writer thread
 * links each event into this instance's hash chain and writes batches. While the database cannot be reached, batches
 * go to a spool file in arrival order and are replayed from it, oldest first, when the database answers again; new
 * events keep going to the spool until it is empty, so the chain arrives in order. The backlog is the gauge
 * {@code audit_events_spooled}. Shutdown writes (or spools) whatever is still queued.
 * <p>
 * Every {@code head-export-interval} (and at shutdown) the last row written of each chain is appended to the chain
 * heads file ({@link AuditChainHeads}), so a later truncation or rewrite of the chain in the database shows.
 */
public class DatabaseAuditSink implements AuditSink, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DatabaseAuditSink.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final AuditTrailStore store;
    private final AuditTrailProperties properties;
    private final String service;
    private final String instanceId;
    private final BlockingQueue<AuditEvent> queue;
    private final AuditSpool spool;
    private final List<AuditSpool> orphans;
    private final AtomicLong spooled = new AtomicLong();
    private final Thread writer;
    private final List<AuditRecord> unsaved = new ArrayList<>();
    private final AuditChainKey key;
    private final AuditChainHeads heads;
    private final String database;
    /** The last row written of each chain since the last export, by "service@instance". */
    private final Map<String, AuditRecord> unexportedHeads = new LinkedHashMap<>();
    private long nextHeadExport;
    private volatile boolean stopping;
    private long seq;
    private String lastHash = AuditRecord.GENESIS;
    private long nextAttempt;
    private long nextMaintenance;
    private boolean reportedDown;

    DatabaseAuditSink(AuditTrailStore store, AuditTrailProperties properties, String service, String instanceId,
                      MeterRegistry meters, AuditChainKey key, AuditChainHeads heads) {
        this.store = store;
        this.key = key;
        this.heads = heads;
        this.database = AuditChainHeads.databaseOf(properties.url());
        this.properties = properties;
        this.service = service;
        this.instanceId = instanceId;
        this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
        this.spool = createSpool(properties.spoolDir(), service, instanceId);
        this.orphans = new ArrayList<>(AuditSpool.adoptOrphans(spool.file().getParent(), service, spool.file()));
        spooled.set(spool.size() + orphans.stream().mapToLong(AuditSpool::size).sum());
        Gauge.builder("audit.events.spooled", spooled, AtomicLong::get)
                .description("Audit events waiting in the spool file for the audit database")
                .register(meters);
        this.writer = Thread.ofPlatform().name("audit-trail-writer").daemon().start(this::run);
    }

    /** A spool directory that cannot be written must not stop the service: the temporary directory stands in. */
    private static AuditSpool createSpool(Path dir, String service, String instanceId) {
        try {
            return AuditSpool.create(dir, service, instanceId);
        } catch (UncheckedIOException e) {
            Path fallback = Path.of(System.getProperty("java.io.tmpdir"), "secureconnect-audit-spool");
            log.error("Cannot use audit spool directory {} ({}); spooling to {} instead", dir, e.getCause(), fallback);
            return AuditSpool.create(fallback, service, instanceId);
        }
    }

    /** Names this instance's hash chain in the {@code instance_id} column. */
    public String instanceId() {
        return instanceId;
    }

    /** Events written to the spool and not yet replayed into the database. */
    public long spooled() {
        return spooled.get();
    }

    @Override
    public void accept(AuditEvent event) {
        if (stopping && !writer.isAlive()) {
            log.warn("Audit trail closed: event {} is only in the audit log", event.eventId());
            return;
        }
        if (queue.offer(event)) {
            return;
        }
        log.warn("Audit queue full ({} events): the caller waits for the audit writer", properties.queueCapacity());
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(event); // losing an audit event is worse than a slow request
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (true) {
            boolean last = stopping; // read before draining: whatever was queued before stop() is written
            List<AuditEvent> events = nextBatch();
            try {
                write(link(events));
                replaySpoolsIfDue();
                maintainIfDue();
                exportHeadsIfDue(last && queue.isEmpty());
            } catch (RuntimeException e) {
                log.error("Audit writer failed; it carries on", e);
            }
            if (last && queue.isEmpty()) {
                return;
            }
        }
    }

    private List<AuditEvent> nextBatch() {
        List<AuditEvent> events = new ArrayList<>();
        try {
            AuditEvent first = queue.poll(properties.flushInterval().toMillis(), TimeUnit.MILLISECONDS);
            if (first != null) {
                events.add(first);
                queue.drainTo(events, properties.batchSize() - 1);
            }
        } catch (InterruptedException e) {
            stopping = true;
        }
        return events;
    }

    private List<AuditRecord> link(List<AuditEvent> events) {
        List<AuditRecord> records = new ArrayList<>(unsaved);
        unsaved.clear();
        for (AuditEvent event : events) {
            AuditRecord record = AuditRecord.link(event, service, instanceId, ++seq, lastHash, key);
            lastHash = record.hash();
            records.add(record);
        }
        return records;
    }

    private void write(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        if (spool.isEmpty() && nextAttempt <= System.currentTimeMillis()) {
            try {
                store.insert(records);
                written(records);
                databaseUp();
                return;
            } catch (Exception e) {
                databaseDown(e);
            }
        }
        try {
            spool.append(records);
            spooled.addAndGet(records.size());
        } catch (IOException e) {
            log.error("Cannot spool {} audit events to {}; keeping them in memory", records.size(), spool.file(), e);
            unsaved.addAll(records);
        }
    }

    private void replaySpoolsIfDue() {
        if (spooled.get() == 0 || nextAttempt > System.currentTimeMillis()) {
            return;
        }
        try {
            for (AuditSpool orphan : List.copyOf(orphans)) {
                replay(orphan);
                orphans.remove(orphan);
            }
            replay(spool);
            databaseUp();
        } catch (Exception e) {
            databaseDown(e);
        }
    }

    private void replay(AuditSpool file) throws Exception {
        if (file.isEmpty()) {
            file.replayed();
            return;
        }
        List<AuditRecord> records = file.readAll();
        for (int from = 0; from < records.size(); from += properties.batchSize()) {
            store.insert(records.subList(from, Math.min(records.size(), from + properties.batchSize())));
        }
        written(records);
        long count = file.size();
        file.replayed();
        spooled.addAndGet(-count);
        log.info("Replayed {} audit events from {}", records.size(), file.file());
    }

    private void written(List<AuditRecord> records) {
        for (AuditRecord record : records) {
            unexportedHeads.merge(record.service() + "@" + record.instanceId(), record,
                    (known, next) -> next.seq() >= known.seq() ? next : known);
        }
    }

    private void exportHeadsIfDue(boolean finalExport) {
        long now = System.currentTimeMillis();
        if (unexportedHeads.isEmpty() || (now < nextHeadExport && !finalExport)) {
            return;
        }
        Instant exportedAt = Instant.now();
        try {
            heads.append(unexportedHeads.values().stream().map(r -> AuditChainHeads.Head.of(database, r, exportedAt)).toList());
            unexportedHeads.clear();
            nextHeadExport = now + properties.headExportInterval().toMillis();
        } catch (IOException e) {
            log.error("Cannot export audit chain heads to {}; retrying at the next interval", heads.file(), e);
            nextHeadExport = now + properties.headExportInterval().toMillis();
        }
    }

    private void databaseDown(Exception e) {
        nextAttempt = System.currentTimeMillis() + properties.retryInterval().toMillis();
        if (!reportedDown) {
            log.warn("Audit database unreachable ({}); spooling events to {}", e.getMessage(), spool.file());
            reportedDown = true;
        }
    }

    private void databaseUp() {
        if (reportedDown) {
            log.info("Audit database reachable again");
            reportedDown = false;
        }
    }

    private void maintainIfDue() {
        long now = System.currentTimeMillis();
        if (now >= nextMaintenance && nextAttempt <= now && spooled.get() == 0) {
            try {
                store.dataSource();
                store.maintainPartitions(Instant.now());
                nextMaintenance = now + properties.maintenanceInterval().toMillis();
                databaseUp();
            } catch (Exception e) {
                databaseDown(e);
            }
        }
    }

    /** Stops taking the writer's time once everything queued is written or spooled. */
    @Override
    public void close() {
        stopping = true;
        try {
            writer.join(STOP_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            log.warn("Audit writer still busy after {}; {} queued events may be lost", STOP_TIMEOUT, queue.size());
        }
        orphans.forEach(AuditSpool::close);
        spool.closeAndRemoveIfEmpty();
    }
}
