package io.secureconnect.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import io.secureconnect.chat.realtime.SocketBuffers;
import io.secureconnect.chat.support.ChatApi;
import io.secureconnect.chat.support.ChatSockets;
import io.secureconnect.chat.support.ChatTestConfiguration;
import io.secureconnect.chat.support.PeerStub;
import io.secureconnect.common.id.Ids;
import io.secureconnect.testsupport.jwt.WithTestJwks;
import io.secureconnect.testsupport.postgres.PostgresServerProcess;
import io.secureconnect.testsupport.redis.WithRedis;
import io.secureconnect.testsupport.websocket.TestSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Issue 19: PostgreSQL stopped under REST and socket traffic. While it is down every request that needs it is
 * answered 503 problem+json with Retry-After in well under 2 s (never a 500 after the pool's old 5 s wait), a socket
 * frame gets {@code error SERVICE_UNAVAILABLE} with {@code retryAfterMs} and the socket stays open; readiness stays
 * UP; within 2 s of PostgreSQL's return requests succeed again, nothing acknowledged before is lost, and audit events
 * of the outage reach the audit database.
 */
@WithRedis
@WithTestJwks
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"secureconnect.audit.trail.retry-interval=300ms", "logging.level.com.zaxxer.hikari=ERROR"})
@Import(ChatTestConfiguration.class)
@DirtiesContext
class DatabaseOutageIntegrationTest {

    /** The bound of issue 19 is 2 s; the margin is for a loaded two-core test machine. */
    private static final Duration ANSWER_BOUND = Duration.ofMillis(2_500);
    private static final Duration RECOVERY_BOUND = Duration.ofMillis(2_500);
    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("outage.seconds", 12));

    private static final PostgresServerProcess POSTGRES = PostgresServerProcess.startOnFreePort();
    private static final PeerStub peers = PeerStub.shared();

    static {
        SocketBuffers.shrinkWebSocketBuffers();
    }

    @DynamicPropertySource
    static void privatePostgres(DynamicPropertyRegistry properties) throws IOException {
        properties.add("spring.datasource.url", () -> POSTGRES.jdbcUrl("chat"));
        properties.add("spring.datasource.username", () -> "postgres");
        properties.add("spring.datasource.password", () -> "");
        properties.add("spring.datasource.hikari.maximum-pool-size", () -> "4");
        properties.add("secureconnect.audit.trail.url", () -> POSTGRES.jdbcUrl("audit"));
        String spool = Files.createTempDirectory("audit-spool").toString();
        properties.add("secureconnect.audit.trail.spool-dir", () -> spool);
        properties.add("secureconnect.chat.auth-url", peers::url);
        properties.add("secureconnect.chat.storage-url", peers::url);
        properties.add("secureconnect.security.session-status-uri", peers::sessionStatusUrl);
    }

    @AfterAll
    static void removeCluster() {
        POSTGRES.close();
    }

    @LocalServerPort
    int port;

    @Test
    void requestsDuringAnOutageAreAnsweredFast503AndServiceResumesWithinTwoSeconds() throws Exception {
        ChatApi alice = user();
        ChatApi bob = user();
        UUID conversation = alice.createDirect(bob.userId());
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            var sent = alice.sendText(conversation, "before-" + i, "before the outage " + i);
            assertThat(sent.status()).isEqualTo(201);
            acknowledged.add(sent.body().path("id").asString());
        }
        try (TestSocket socket = ChatSockets.connect(alice)) {

            POSTGRES.stop();
            long outageEnds = System.nanoTime() + OUTAGE.toNanos();
            long slowest = 0;
            int answered = 0;
            List<String> auditedDuringOutage = new ArrayList<>();
            while (System.nanoTime() < outageEnds) {
                slowest = Math.max(slowest, expectUnavailable(() -> alice.get("/api/v1/conversations")));
                slowest = Math.max(slowest, expectUnavailable(
                        () -> alice.sendText(conversation, Ids.newId().toString(), "during the outage")));
                answered += 2;
                var refused = new ChatApi(port, alice.userId(), "not-a-token").get("/api/v1/conversations");
                assertThat(refused.status()).isEqualTo(401);
                auditedDuringOutage.add(refused.body().path("requestId").asString());
            }
            long frameStarted = System.nanoTime();
            socket.send(Map.of("type", "send", "conversationId", conversation.toString(), "clientId", "in-outage",
                    "messageType", "text", "body", "during the outage"));
            JsonNode error = socket.next("error");
            long frameMillis = millisSince(frameStarted);
            assertThat(error.path("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(error.path("ref").asString()).isEqualTo("in-outage");
            assertThat(error.path("retryAfterMs").asLong()).isPositive();
            assertThat(Duration.ofMillis(frameMillis)).isLessThan(ANSWER_BOUND);
            assertThat(readiness()).isEqualTo(200);

            POSTGRES.start();
            long back = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> alice.get("/api/v1/conversations").status() == 200);
            long recoveryMillis = millisSince(back);
            System.out.printf("chat, PostgreSQL down %d s: %d requests answered 503, slowest %d ms; socket error "
                    + "frame after %d ms; serving again %d ms after PostgreSQL accepted connections%n",
                    OUTAGE.toSeconds(), answered, slowest, frameMillis, recoveryMillis);
            assertThat(Duration.ofMillis(slowest)).isLessThan(ANSWER_BOUND);
            assertThat(Duration.ofMillis(recoveryMillis)).isLessThan(RECOVERY_BOUND);

            socket.send(Map.of("type", "send", "conversationId", conversation.toString(), "clientId", "in-outage",
                    "messageType", "text", "body", "during the outage"));
            assertThat(socket.next("ack").path("clientId").asString()).isEqualTo("in-outage");
            assertThat(socket.isClosed()).isFalse();
            assertThat(alice.history(conversation)).extracting(message -> message.path("id").asString())
                    .containsAll(acknowledged);
            JdbcClient audit = JdbcClient.create(new DriverManagerDataSource(POSTGRES.jdbcUrl("audit"), "postgres", ""));
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                    assertThat(audit.sql("SELECT request_id FROM audit_events WHERE request_id IN (:ids)")
                            .param("ids", auditedDuringOutage).query(String.class).list())
                            .containsExactlyInAnyOrderElementsOf(auditedDuringOutage));
        }
    }

    /** Asserts a 503 problem with Retry-After, and returns how long the answer took. */
    private static long expectUnavailable(Supplier<ChatApi.Response> request) {
        long started = System.nanoTime();
        ChatApi.Response response = request.get();
        long millis = millisSince(started);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(503);
        assertThat(response.raw().headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.code()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(response.raw().headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 3L));
        return millis;
    }

    private int readiness() {
        return new ChatApi(port, Ids.newId()).get("/health/readiness").status();
    }

    private ChatApi user() {
        return new ChatApi(port, Ids.newId());
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
