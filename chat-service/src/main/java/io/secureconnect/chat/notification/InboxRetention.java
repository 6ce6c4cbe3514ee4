package io.secureconnect.chat.notification;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Keeps inboxes from growing forever: notifications older than the retention are deleted, in small batches. */
@Component
class InboxRetention {

    private static final Logger log = LoggerFactory.getLogger(InboxRetention.class);

    private final NotificationRepository inbox;
    private final NotificationProperties properties;
    private final Clock clock;

    InboxRetention(NotificationRepository inbox, NotificationProperties properties, Clock clock) {
        this.clock = clock;
        this.inbox = inbox;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${secureconnect.chat.notifications.cleanup-every:1h}", initialDelayString = "1m")
    void deleteExpired() {
        Instant cutoff = clock.instant().minus(properties.retention());
        int deleted;
        int total = 0;
        do {
            deleted = inbox.deleteOlderThan(cutoff, 1_000);
            total += deleted;
        } while (deleted == 1_000);
        if (total > 0) {
            log.info("Deleted {} notifications older than {}", total, properties.retention());
        }
    }
}
