package io.secureconnect.chat.retention;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Erases messages of disappearing conversations once their time is up. Queries hide them from that moment on;
 * this job removes the rows (content, reactions and edit history with them), in small batches so it never holds
 * long locks.
 */
@Component
public class DisappearingMessages {

    private static final Logger log = LoggerFactory.getLogger(DisappearingMessages.class);
    private static final int BATCH = 1000;

    private final JdbcClient jdbc;

    DisappearingMessages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Scheduled(fixedDelayString = "${secureconnect.chat.retention-interval:30s}")
    public int eraseExpired() {
        int total = 0;
        int erased;
        do {
            erased = jdbc.sql("""
                    DELETE FROM messages WHERE id IN (
                        SELECT id FROM messages WHERE expires_at <= now() LIMIT :batch FOR UPDATE SKIP LOCKED)
                    """)
                    .param("batch", BATCH).update();
            total += erased;
        } while (erased == BATCH);
        if (total > 0) {
            log.info("Erased {} disappearing messages", total);
        }
        return total;
    }
}
