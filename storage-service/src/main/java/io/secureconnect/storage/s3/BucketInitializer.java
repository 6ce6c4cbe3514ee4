package io.secureconnect.storage.s3;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Creates the bucket when the service starts. An S3 that is down at that moment does not stop the service (it
 * answers 503 for file operations meanwhile); creation is retried until it succeeds.
 */
@Component
class BucketInitializer {

    private static final Logger log = LoggerFactory.getLogger(BucketInitializer.class);

    private final ObjectStore store;
    private final AtomicBoolean ready = new AtomicBoolean();

    BucketInitializer(ObjectStore store) {
        this.store = store;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStartup() {
        tryCreate();
    }

    @Scheduled(fixedDelay = 10, initialDelay = 10, timeUnit = TimeUnit.SECONDS)
    void retryUntilCreated() {
        if (!ready.get()) {
            tryCreate();
        }
    }

    private void tryCreate() {
        try {
            store.ensureBucket();
            ready.set(true);
        } catch (RuntimeException e) {
            log.warn("Could not make sure the bucket exists; retrying in 10 s: {}", e.getMessage());
        }
    }
}
