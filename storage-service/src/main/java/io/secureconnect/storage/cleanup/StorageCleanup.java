package io.secureconnect.storage.cleanup;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.storage.StorageProperties;
import io.secureconnect.storage.file.FileDeletion;
import io.secureconnect.storage.file.FileRepository;
import io.secureconnect.storage.file.StoredFile;
import io.secureconnect.storage.s3.ObjectInfo;
import io.secureconnect.storage.s3.ObjectStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Keeps storage from leaking: uploads never completed within {@code staleUploadAfter} are removed (object, row,
 * reserved quota), and objects and unfinished multipart uploads that have no metadata row (a crash between steps,
 * or anything written to the bucket by hand) are removed once older than {@code orphanGrace}. Safe to run on several instances at once: every step
 * is idempotent. A run during an S3 outage stops at the first failure and changes nothing more.
 */
@Component
public class StorageCleanup implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StorageCleanup.class);
    private static final int BATCH = 500;
    private static final String PREFIX = "users/";

    private final FileRepository files;
    private final FileDeletion deletion;
    private final ObjectStore store;
    private final StorageProperties.Cleanup settings;
    private final TaskScheduler scheduler;
    private final AuditLogger audit;
    private final Clock clock;
    private ScheduledFuture<?> schedule;

    StorageCleanup(FileRepository files, FileDeletion deletion, ObjectStore store, StorageProperties properties,
                   TaskScheduler scheduler, AuditLogger audit, Clock clock) {
        this.files = files;
        this.deletion = deletion;
        this.store = store;
        this.settings = properties.cleanup();
        this.scheduler = scheduler;
        this.audit = audit;
        this.clock = clock;
    }

    /** What one run removed. */
    public record Result(int staleUploads, int orphanObjects, int orphanMultipartUploads) {
    }

    @EventListener(ApplicationReadyEvent.class)
    void scheduleRuns() {
        if (settings.enabled()) {
            schedule = scheduler.scheduleWithFixedDelay(this::runQuietly, Instant.now().plus(settings.interval()),
                    settings.interval());
        }
    }

    /** One run with the configured ages. */
    public Result run() {
        Instant now = clock.instant();
        Instant orphanCutoff = now.minus(settings.orphanGrace());
        return new Result(removeStaleUploads(now.minus(settings.staleUploadAfter())),
                removeOrphanObjects(orphanCutoff), abortOrphanMultipartUploads(orphanCutoff));
    }

    /** Removes pending uploads created before {@code cutoff}; returns how many. */
    public int removeStaleUploads(Instant cutoff) {
        int removed = 0;
        for (StoredFile file : files.pendingCreatedBefore(cutoff, BATCH)) {
            deletion.remove(file);
            audit.success("file.upload_expired", file.resource());
            removed++;
        }
        return removed;
    }

    /** Removes objects under {@code users/} last modified before {@code cutoff} that no row refers to. */
    public int removeOrphanObjects(Instant cutoff) {
        int removed = 0;
        for (ObjectInfo object : store.listOlderThan(PREFIX, cutoff, BATCH * 10)) {
            if (!files.existsWithObjectKey(object.key())) {
                store.delete(object.key());
                log.info("Removed orphan object {} ({} bytes, last modified {})", object.key(), object.size(),
                        object.lastModified());
                removed++;
            }
        }
        return removed;
    }

    /** Aborts multipart uploads started before {@code cutoff} that no pending file is waiting for. */
    public int abortOrphanMultipartUploads(Instant cutoff) {
        int aborted = 0;
        for (ObjectStore.MultipartUpload upload : store.multipartUploadsOlderThan(PREFIX, cutoff, BATCH)) {
            if (!files.existsWithMultipartUpload(upload.uploadId())) {
                store.abortMultipartUpload(upload.key(), upload.uploadId());
                aborted++;
            }
        }
        return aborted;
    }

    private void runQuietly() {
        try {
            Result result = run();
            if (result.staleUploads() + result.orphanObjects() + result.orphanMultipartUploads() > 0) {
                log.info("Storage cleanup removed {} abandoned uploads, {} orphan objects, {} orphan multipart uploads",
                        result.staleUploads(), result.orphanObjects(), result.orphanMultipartUploads());
            }
        } catch (RuntimeException e) {
            log.warn("Storage cleanup stopped early; the next run continues: {}", e.getMessage());
        }
    }

    @Override
    public void destroy() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }
}
