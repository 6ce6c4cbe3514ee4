package io.secureconnect.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.secureconnect.bench.StubServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The load generator against real local HTTP servers: rate, coordinated omission, errors, cap, timeouts. */
class OpenModelLoadUnitTest {

    private static HttpClient client;

    private static final LoadProfile ONE_SECOND = new LoadProfile(200, Duration.ofSeconds(1), Duration.ZERO, 1_000,
            Duration.ofSeconds(2));

    @BeforeAll
    static void client() {
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    @AfterAll
    static void closeClient() {
        client.shutdownNow();
    }

    @Test
    void achievesTheTargetRateAndDiscardsTheWarmup() throws Exception {
        try (StubServer server = StubServer.healthy()) {
            // given 200 req/s for 1.5 s after a 250 ms warmup
            LoadProfile profile = ONE_SECOND.withDuration(Duration.ofMillis(1_500)).withWarmup(Duration.ofMillis(250));

            // when
            LoadOutcome outcome = new OpenModelLoad(profile).run(get(server.uri("/health"), profile));

            // then every arrival of the measured phase was sent and answered, at the intended rate
            assertThat(outcome.scheduled()).isEqualTo(300);
            assertThat(outcome.ok()).isEqualTo(300);
            assertThat(outcome.failed()).isZero();
            assertThat(outcome.dropped()).isZero();
            assertThat(outcome.warmupRequests()).isEqualTo(50);
            assertThat(outcome.latencyMillis().count()).isEqualTo(300);
            assertThat(outcome.throughputPerSecond()).isCloseTo(200, within(20.0));
            assertThat(server.requests()).isEqualTo(350);
        }
    }

    @Test
    void aStallOfTheServerShowsInTheTailForEveryRequestThatArrivedDuringIt() throws Exception {
        // given a server that answers one request at a time and holds the 60th (0.3 s into the run) for 300 ms
        AtomicBoolean stalled = new AtomicBoolean();
        try (StubServer server = StubServer.serial(request -> {
            if (request == 60 && stalled.compareAndSet(false, true)) {
                Thread.sleep(300);
            }
            return 200;
        })) {
            // when
            LoadOutcome outcome = new OpenModelLoad(ONE_SECOND).run(get(server.uri("/health"), ONE_SECOND));

            // then the ~60 requests that arrived during the stall waited for it: it fills the tail, not one sample.
            // A closed-loop client would have waited too, sent fewer requests and shown one slow one (< p99.5).
            assertThat(stalled).isTrue();
            assertThat(outcome.ok()).isEqualTo(200);
            assertThat(outcome.latencyMillis().max()).isGreaterThanOrEqualTo(300);
            assertThat(outcome.latencyMillis().p99()).isGreaterThanOrEqualTo(250);
            assertThat(outcome.latencyMillis().p90()).isGreaterThanOrEqualTo(100);
            assertThat(outcome.latencyMillis().p50()).isLessThan(100);
        }
    }

    @Test
    void non2xxResponsesAreErrorsCountedByStatus() throws Exception {
        try (StubServer server = StubServer.concurrent(request -> request % 2 == 0 ? 503 : 200)) {
            LoadProfile profile = ONE_SECOND.withRate(100);

            LoadOutcome outcome = new OpenModelLoad(profile).run(get(server.uri("/health"), profile));

            assertThat(outcome.scheduled()).isEqualTo(100);
            assertThat(outcome.ok()).isEqualTo(50);
            assertThat(outcome.failed()).isEqualTo(50);
            assertThat(outcome.errorCount(FailureKind.NON_2XX)).isEqualTo(50);
            assertThat(outcome.errorStatuses()).containsExactly(Map.entry("503", 50L));
            assertThat(outcome.goodputPerSecond()).isLessThan(outcome.throughputPerSecond());
        }
    }

    @Test
    void arrivalsBeyondTheInFlightCapAreDroppedNotDelayed() throws Exception {
        // given a service that takes 200 ms per request, 100 req/s, and at most 5 outstanding
        try (StubServer server = StubServer.concurrent(request -> {
            Thread.sleep(200);
            return 200;
        })) {
            LoadProfile profile = ONE_SECOND.withRate(100).withMaxInFlight(5);

            LoadOutcome outcome = new OpenModelLoad(profile).run(get(server.uri("/health"), profile));

            // then only ~25/s get through; the rest are counted as dropped and none waited for a slot
            assertThat(outcome.dropped()).isGreaterThan(50);
            assertThat(outcome.ok()).isPositive();
            assertThat(outcome.ok() + outcome.dropped()).isEqualTo(outcome.scheduled());
            assertThat(outcome.latencyMillis().max()).isLessThan(400);
        }
    }

    @Test
    void requestsSlowerThanTheTimeoutAreTimeoutsAndTheRunStillEndsOnTime() throws Exception {
        try (StubServer server = StubServer.concurrent(request -> {
            Thread.sleep(2_000);
            return 200;
        })) {
            LoadProfile profile = new LoadProfile(20, Duration.ofMillis(500), Duration.ZERO, 100,
                    Duration.ofMillis(300));

            long started = System.nanoTime();
            LoadOutcome outcome = new OpenModelLoad(profile).run(get(server.uri("/health"), profile));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(outcome.scheduled()).isEqualTo(10);
            assertThat(outcome.errorCount(FailureKind.TIMEOUT)).isEqualTo(10);
            assertThat(outcome.latencyMillis().p50()).isGreaterThanOrEqualTo(300);
            assertThat(took).isLessThan(Duration.ofMillis(1_500));
        }
    }

    @Test
    void refusedConnectionsAreConnectErrors() throws Exception {
        LoadProfile profile = new LoadProfile(20, Duration.ofMillis(500), Duration.ZERO, 100, Duration.ofSeconds(1));

        LoadOutcome outcome = new OpenModelLoad(profile).run(get(StubServer.nothingListening("/health"), profile));

        assertThat(outcome.scheduled()).isEqualTo(10);
        assertThat(outcome.errorCount(FailureKind.CONNECT)).isEqualTo(10);
        assertThat(outcome.ok()).isZero();
    }

    @Test
    void stopsByItselfEvenWhenAnOperationNeverReturns() throws Exception {
        // given an operation that ignores interrupts and its timeout
        CountDownLatch never = new CountDownLatch(1);
        Operation stuck = () -> {
            while (never.getCount() > 0) {
                try {
                    never.await();
                } catch (InterruptedException ignored) {
                    // deliberately deaf, like a driver call that cannot be cancelled
                }
            }
        };
        LoadProfile profile = new LoadProfile(20, Duration.ofMillis(500), Duration.ZERO, 100, Duration.ofMillis(200));
        try {
            long started = System.nanoTime();
            LoadOutcome outcome = new OpenModelLoad(profile).run(stuck);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            // then every request is written off as a timeout and the run ends at its bound
            assertThat(outcome.errorCount(FailureKind.TIMEOUT)).isEqualTo(10);
            assertThat(outcome.completed()).isEqualTo(10);
            assertThat(took).isLessThan(Duration.ofMillis(1_500));
        } finally {
            never.countDown();
        }
    }

    private static Operation get(URI uri, LoadProfile profile) {
        return HttpOperations.get(client, uri, profile.timeout());
    }
}
