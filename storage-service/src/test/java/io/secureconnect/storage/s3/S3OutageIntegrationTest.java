package io.secureconnect.storage.s3;

import static io.secureconnect.storage.StorageClient.json;
import static io.secureconnect.storage.StorageClient.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.secureconnect.storage.StorageClient;
import io.secureconnect.storage.StorageClient.User;
import io.secureconnect.testsupport.jwt.WithTestJwks;
import io.secureconnect.testsupport.postgres.WithPostgres;
import io.secureconnect.testsupport.redis.WithRedis;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * S3 goes down in the middle: every file operation answers 503 STORAGE_UNAVAILABLE at once (the circuit breaker
 * opens after a few failures) and no metadata changes; once S3 is back the service recovers by itself.
 */
@WithPostgres
@WithRedis
@WithTestJwks
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "secureconnect.storage.s3.bucket=outage",
        "secureconnect.storage.cleanup.enabled=false",
        "resilience4j.circuitbreaker.instances.s3.wait-duration-in-open-state=1s"})
class S3OutageIntegrationTest {

    /** Far below the seconds a request would hang on timeouts and retries without the breaker. */
    private static final Duration FAST = Duration.ofSeconds(5);

    private static final RestartableS3 S3 = new RestartableS3();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        registry.add("secureconnect.storage.s3.endpoint", () -> S3.start().endpoint());
        registry.add("secureconnect.storage.s3.access-key", () -> RestartableS3.ACCESS_KEY);
        registry.add("secureconnect.storage.s3.secret-key", () -> RestartableS3.SECRET_KEY);
    }

    @AfterAll
    static void stopS3() throws Exception {
        S3.stop();
    }

    @Test
    void whileS3IsDownEveryFileOperationFailsFastAndNothingChanges() throws Exception {
        StorageClient storage = new StorageClient(port);
        User ann = User.random();
        String ready = storage.upload(ann, "ready.txt", randomBytes(40), "text/plain");
        byte[] pendingBytes = randomBytes(30);
        JsonNode pending = storage.announce(ann, "pending.txt", pendingBytes, "text/plain");
        assertThat(storage.putToTicket(pending, pendingBytes)).isEqualTo(200);
        String pendingId = pending.get("id").asString();
        List<Map<String, Object>> filesBefore = files();
        List<Map<String, Object>> quotasBefore = quotas();

        S3.stop();
        for (int round = 0; round < 3; round++) {
            assertUnavailable(() -> storage.announce(ann, "new.txt", 10, "text/plain", null));
            assertUnavailable(() -> storage.complete(ann, pendingId));
            assertUnavailable(() -> storage.download(ann, ready));
            assertUnavailable(() -> storage.send("DELETE", "/api/v1/files/" + ready, ann, null));
        }

        assertThat(files()).isEqualTo(filesBefore);
        assertThat(quotas()).isEqualTo(quotasBefore);
        assertThat(storage.quota(ann).get("usedBytes").asLong()).as("metadata reads keep working").isEqualTo(40);
        String metrics = storage.send("GET", "/metrics", null, null).body();
        assertThat(metrics).contains("storage_s3_errors_total{", "storage_s3_requests_seconds_count{")
                .containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"s3\"[^}]*state=\"open\"[^}]*} 1.0");

        S3.start();
        await("the service to use S3 again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> storage.download(ann, ready).statusCode() == 200);
        assertThat(json(storage.complete(ann, pendingId), 200).get("status").asString()).isEqualTo("ready");
        String another = storage.upload(ann, "after.txt", randomBytes(5), "text/plain");
        assertThat(storage.send("DELETE", "/api/v1/files/" + another, ann, null).statusCode()).isEqualTo(204);
    }

    private static void assertUnavailable(ThrowingCall call) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = call.send();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.body()).contains("\"code\":\"STORAGE_UNAVAILABLE\"");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(took).as("answered fast").isLessThan(FAST);
    }

    private List<Map<String, Object>> files() {
        return jdbc.sql("SELECT * FROM files ORDER BY id").query().listOfRows();
    }

    private List<Map<String, Object>> quotas() {
        return jdbc.sql("SELECT * FROM storage_quotas ORDER BY user_id").query().listOfRows();
    }

    @FunctionalInterface
    private interface ThrowingCall {
        HttpResponse<String> send() throws Exception;
    }
}
