package io.secureconnect.storage.quota;

import static io.secureconnect.storage.StorageClient.json;
import static io.secureconnect.storage.StorageClient.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.storage.StorageClient.User;
import io.secureconnect.storage.StorageIntegrationTest;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** Quotas: refused past the limit, never overshot by concurrent uploads, limits set per user by administrators. */
class QuotaIntegrationTest extends StorageIntegrationTest {

    @Test
    void anUploadThatDoesNotFitIsRefusedBeforeAnyByteIsSent() throws Exception {
        User ann = User.random();
        storage.setQuotaLimit(ann, 1_000);
        storage.upload(ann, "first.bin", randomBytes(600), "application/octet-stream");

        HttpResponse<String> refused = storage.announce(ann, "second.bin", 500, "application/octet-stream", null);

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("\"code\":\"QUOTA_EXCEEDED\"");
        assertThat(storage.quota(ann).get("usedBytes").asLong()).isEqualTo(600);
        assertThat(storage.quota(ann).get("reservedBytes").asLong()).isZero();
        assertThat(audit.of("file.quota_exceeded", AuditResult.DENIED, null))
                .anyMatch(event -> ann.id().toString().equals(event.userId()));
        assertThat(storage.send("GET", "/metrics", null, null).body()).contains("storage_quota_exceeded_total");
    }

    @Test
    void twentyConcurrentUploadsNearTheQuotaNeverExceedIt() throws Exception {
        User ann = User.random();
        storage.setQuotaLimit(ann, 10_000);
        storage.upload(ann, "already-there.bin", randomBytes(500), "application/octet-stream");
        // 9,500 bytes left: at most 9 of the 20 uploads of 1,000 bytes fit

        List<HttpResponse<String>> answers = allAtOnce(20,
                () -> storage.announce(ann, "race.bin", 1_000, "application/octet-stream", null));
        List<JsonNode> accepted = answers.stream().filter(r -> r.statusCode() == 201).map(r -> json(r, 201)).toList();
        List<Integer> completions = allAtOnce(accepted.size(), new Uploading(ann, accepted)).stream()
                .map(HttpResponse::statusCode).toList();
        JsonNode quota = storage.quota(ann);

        assertThat(accepted).hasSize(9);
        assertThat(answers).filteredOn(r -> r.statusCode() != 201)
                .allSatisfy(r -> assertThat(r.body()).contains("\"code\":\"QUOTA_EXCEEDED\""));
        assertThat(completions).containsOnly(200);
        assertThat(quota.get("usedBytes").asLong()).isEqualTo(9_500);
        assertThat(quota.get("reservedBytes").asLong()).isZero();
        assertThat(quota.get("usedBytes").asLong()).isLessThanOrEqualTo(quota.get("limitBytes").asLong());
    }

    @Test
    void aLimitLoweredAfterTheReservationRefusesTheCompletion() throws Exception {
        User ann = User.random();
        byte[] bytes = randomBytes(800);
        JsonNode ticket = storage.announce(ann, "late.bin", bytes, "application/octet-stream");
        storage.putToTicket(ticket, bytes);
        storage.setQuotaLimit(ann, 500);

        HttpResponse<String> completed = storage.complete(ann, ticket.get("id").asString());

        assertThat(completed.statusCode()).isEqualTo(413);
        assertThat(completed.body()).contains("\"code\":\"QUOTA_EXCEEDED\"");
        JsonNode quota = storage.quota(ann);
        assertThat(quota.get("usedBytes").asLong()).isZero();
        assertThat(quota.get("reservedBytes").asLong()).isZero();
        assertThat(storage.send("GET", "/api/v1/files/" + ticket.get("id").asString(), ann, null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void onlyAdministratorsSetLimits() throws Exception {
        User ann = User.random();

        HttpResponse<String> response = storage.send("PUT", "/api/v1/files/admin/quotas/" + ann.id(), ann,
                "{\"limitBytes\":1}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(storage.quota(ann).get("limitBytes").asLong()).isEqualTo(1L << 30);
    }

    /** Runs the call {@code n} times at once (released together) and returns every answer. */
    private static <T> List<T> allAtOnce(int n, Callable<T> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(n)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        }
    }

    /** Each call takes the next accepted ticket, PUTs its bytes and completes it. */
    private final class Uploading implements Callable<HttpResponse<String>> {

        private final User owner;
        private final List<JsonNode> tickets;
        private final AtomicInteger next = new AtomicInteger();

        Uploading(User owner, List<JsonNode> tickets) {
            this.owner = owner;
            this.tickets = tickets;
        }

        @Override
        public HttpResponse<String> call() throws Exception {
            JsonNode ticket = tickets.get(next.getAndIncrement());
            assertThat(storage.putToTicket(ticket, randomBytes(1_000))).isEqualTo(200);
            return storage.complete(owner, ticket.get("id").asString());
        }
    }
}
