package io.secureconnect.auth.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.secureconnect.auth.AuthClient;
import io.secureconnect.auth.AuthServiceTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * S8: a mail whose SMTP server does not answer stays in the outbox, rendered, and is retried later with a growing
 * wait: an acknowledged request's mail is not lost with the attempt. (Port 1 on loopback refuses connections.)
 */
@AuthServiceTest
@TestPropertySource(properties = {"secureconnect.mail.sender.enabled=false", "spring.mail.host=127.0.0.1",
        "spring.mail.port=1", "secureconnect.mail.sender.first-retry=1m", "secureconnect.mail.sender.max-retry=10m"})
class MailRetryIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    OutboxSender sender;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anUndeliverableMailIsKeptAndRetriedWithADoublingWait() throws Exception {
        // given a registration whose verification mail cannot be delivered
        new AuthClient(port).register("Dora");
        Instant before = Instant.now();

        // when the sender tries twice in a row
        assertThat(sender.sendDue()).isZero();
        Map<String, Object> afterFirst = row();
        assertThat(sender.sendDue()).as("not due again before its wait is over").isZero();

        // then the mail is still queued, written, with its failure and a next attempt a minute away
        assertThat(afterFirst.get("attempts")).isEqualTo(1);
        assertThat((String) afterFirst.get("last_error")).isNotBlank();
        assertThat((String) afterFirst.get("body")).contains("verify-email?token=");
        assertThat(((java.sql.Timestamp) afterFirst.get("next_attempt_at")).toInstant())
                .isAfter(before.plus(Duration.ofSeconds(50)));
        assertThat(row()).isEqualTo(afterFirst);
        assertThat(jdbc.sql("SELECT count(*) FROM one_time_tokens").query(Long.class).single())
                .as("the link is issued once, not on every attempt").isEqualTo(1);
    }

    @Test
    void theWaitDoublesUpToItsCap() {
        MailProperties.Sender settings = new MailProperties.Sender(true, Duration.ofSeconds(1), Duration.ofMinutes(1),
                Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofHours(24));

        assertThat(settings.retryAfter(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.retryAfter(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.retryAfter(4)).isEqualTo(Duration.ofMinutes(8));
        assertThat(settings.retryAfter(5)).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.retryAfter(50)).isEqualTo(Duration.ofMinutes(10));
    }

    private Map<String, Object> row() {
        return jdbc.sql("SELECT attempts, last_error, body, next_attempt_at FROM mail_outbox").query().singleRow();
    }
}
