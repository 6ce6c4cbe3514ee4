package io.secureconnect.auth.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.secureconnect.auth.AuthClient;
import io.secureconnect.auth.AuthServiceTest;
import io.secureconnect.testsupport.mail.TestMailServer;
import io.secureconnect.testsupport.mail.WithMail;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * S8: a request that may mail does the same work whether or not the address has an account: it records one row in
 * the outbox and issues no link; nothing reaches the SMTP server until the sender runs, after the request has been
 * answered. The sender is driven by hand here, so "before" and "after" are steps, not timings.
 */
@AuthServiceTest
@WithMail
@TestPropertySource(properties = "secureconnect.mail.sender.enabled=false")
class MailOutboxIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    TestMailServer mail;

    @Autowired
    OutboxSender sender;

    @Autowired
    JdbcClient jdbc;

    private AuthClient auth;

    @BeforeEach
    void emptyOutbox() {
        auth = new AuthClient(port);
        sender.sendDue();
        mail.clear();
    }

    @Test
    void aResetRequestRecordsOneOutboxRowAndNoLinkWhetherOrNotTheAccountExists() throws Exception {
        // given an account whose verification mail has gone, and an address nobody registered
        String existing = auth.register("Ann").get("email").asString();
        sender.sendDue();
        mail.awaitMessageTo(existing, PATIENCE);
        String unknown = "nobody-" + existing;

        // when both ask for a reset, then the same is recorded for each: one queued request, no link
        Work forExisting = workOf(() -> assertThat(reset(existing)).isEqualTo(202));
        Work forUnknown = workOf(() -> assertThat(reset(unknown)).isEqualTo(202));

        assertThat(forExisting).isEqualTo(new Work(1, 0)).isEqualTo(forUnknown);
        assertThat(mail.receivedMessages()).as("nothing sent on the request's thread").hasSize(1);

        // then the sender mails the account's owner, and nobody for the unknown address
        assertThat(sender.sendDue()).isEqualTo(1);
        assertThat(mail.awaitMessageTo(existing, PATIENCE).subject()).isEqualTo("Reset your password");
        assertThat(mail.receivedMessages()).hasSize(2);
        assertThat(outboxRows()).isZero();
    }

    @Test
    void registrationAndResendAreAnsweredBeforeAnyMailLeaves() throws Exception {
        // given a registration answered
        String email = auth.register("Bob").get("email").asString();
        assertThat(outboxRows()).isEqualTo(1);
        assertThat(mail.receivedMessages()).as("no mail before the sender runs").isEmpty();

        // when a resend is asked for it and for an unknown address, each records one row and issues no link
        Work forExisting = workOf(() -> assertThat(resend(email)).isEqualTo(202));
        Work forUnknown = workOf(() -> assertThat(resend("nobody-" + email)).isEqualTo(202));
        assertThat(forExisting).isEqualTo(new Work(1, 0)).isEqualTo(forUnknown);

        // then the sender delivers two verification links to the account; once it is verified, a further resend
        // sends nothing
        assertThat(sender.sendDue()).isEqualTo(2);
        auth.verifyEmail(mail.awaitMessageTo(email, PATIENCE).body());
        mail.awaitMessageTo(email, PATIENCE);
        assertThat(resend(email)).isEqualTo(202);
        assertThat(sender.sendDue()).as("a verified account gets no verification mail").isZero();
        assertThat(outboxRows()).isZero();
    }

    @Test
    void queuedMailsWaitInPostgresqlUntilTheSenderRuns() throws Exception {
        // given a reset request acknowledged while no sender runs (as if the instance had stopped right after)
        String email = auth.register("Cleo").get("email").asString();
        assertThat(reset(email)).isEqualTo(202);

        // then both mails are in the database, not in memory, and whoever sends next delivers them
        assertThat(jdbc.sql("SELECT kind FROM mail_outbox ORDER BY created_at").query(String.class).list())
                .containsExactly("verify_email", "password_reset");
        assertThat(sender.sendDue()).isEqualTo(2);
        assertThat(mail.awaitMessageTo(email, PATIENCE).subject()).isEqualTo("Confirm your email address");
        assertThat(mail.awaitMessageTo(email, PATIENCE).subject()).isEqualTo("Reset your password");
    }

    /** What a request left in the database: rows queued in the outbox and links issued. */
    record Work(long outboxRows, long linksIssued) {
    }

    private Work workOf(ThrowingRunnable request) throws Exception {
        long rows = outboxRows();
        long links = linksIssued();
        request.run();
        return new Work(outboxRows() - rows, linksIssued() - links);
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    private long outboxRows() {
        return jdbc.sql("SELECT count(*) FROM mail_outbox").query(Long.class).single();
    }

    private long linksIssued() {
        return jdbc.sql("SELECT count(*) FROM one_time_tokens").query(Long.class).single();
    }

    private int reset(String email) throws Exception {
        return auth.send("POST", "/api/v1/auth/password-reset/request", null, "{\"email\":\"" + email + "\"}").statusCode();
    }

    private int resend(String email) throws Exception {
        return auth.send("POST", "/api/v1/auth/verify-email/resend", null, "{\"email\":\"" + email + "\"}").statusCode();
    }
}
