package io.secureconnect.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import io.secureconnect.testsupport.FreePorts;
import io.secureconnect.testsupport.jwt.TestTokens;
import io.secureconnect.testsupport.jwt.WithTestJwks;
import io.secureconnect.testsupport.redis.WithRedis;
import io.secureconnect.testsupport.websocket.TestSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A service that dies or stalls: clients get a quick 503 problem naming it, its circuit opens, lets a trial call
 * through after the wait, and closes once the service answers again. Retries happen only where they are safe.
 * Storage's route has a 700 ms response timeout, chat's the default 10 s, so timeouts are per route.
 */
@WithRedis
@WithTestJwks
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "secureconnect.gateway.resilience.minimum-number-of-calls=3",
    "secureconnect.gateway.resilience.sliding-window-size=4",
    "secureconnect.gateway.resilience.wait-in-open-state=2s",
    "secureconnect.gateway.resilience.permitted-calls-in-half-open=1",
    "SC_STORAGE_RESPONSE_TIMEOUT_MS=700",
    "secureconnect.gateway.rate-limit.user.per-second=1000", "secureconnect.gateway.rate-limit.user.burst=1000"})
class DownstreamResilienceIntegrationTest {

    static final DownstreamServer storage = DownstreamServer.start("storage");
    static final DownstreamServer chat = DownstreamServer.start("chat").slowDelay(Duration.ofMillis(1500));
    static final DownstreamServer video = DownstreamServer.start("video");

    @DynamicPropertySource
    static void downstreams(DynamicPropertyRegistry properties) {
        properties.add("SC_STORAGE_URL", storage::httpUrl);
        properties.add("SC_CHAT_URL", chat::httpUrl);
        properties.add("SC_VIDEO_URL", video::httpUrl);
        properties.add("SC_VIDEO_WS_URL", video::wsUrl);
        String nobody = "http://127.0.0.1:" + FreePorts.next();
        properties.add("SC_AUTH_URL", () -> nobody);
    }

    @AfterAll
    static void stopDownstreams() {
        storage.close();
        chat.close();
        video.close();
    }

    @AfterEach
    void servicesComeBack() {
        storage.restart();
        video.restart();
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String token = TestTokens.accessToken(UUID.randomUUID());

    @Test
    void aKilledServiceOpensItsCircuitWhichClosesAgainWhenItComesBack() throws Exception {
        assertThat(send("GET", "/api/v1/files/quota").statusCode()).isEqualTo(200);
        assertThat(circuitState("storage")).isEqualTo("closed");

        storage.stop();
        long started = System.nanoTime();
        HttpResponse<String> down = send("GET", "/api/v1/files/quota");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("well within the 1 s connect timeout and retries")
                .isLessThan(Duration.ofSeconds(3));
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/problem+json"));
        assertThat(down.body()).contains("\"code\":\"SERVICE_UNAVAILABLE\"", "\"service\":\"storage\"");

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            send("GET", "/api/v1/files/quota");
            return circuitState("storage").equals("open");
        });
        storage.restart();
        HttpResponse<String> whileOpen = send("GET", "/api/v1/files/quota");
        assertThat(whileOpen.statusCode()).as("an open circuit does not call the service").isEqualTo(503);
        assertThat(whileOpen.headers().firstValue("Retry-After")).isPresent();

        await().atMost(Duration.ofSeconds(20)).until(() -> circuitState("storage").equals("half_open"));
        assertThat(send("GET", "/api/v1/files/quota").statusCode()).isEqualTo(200);
        assertThat(circuitState("storage")).isEqualTo("closed");
        assertThat(circuitState("chat")).as("each service has its own circuit").isEqualTo("closed");
    }

    /** Issue 19: a killed service's sockets are closed by the gateway with 1012, so clients reconnect at once. */
    @Test
    void whenAServiceDiesItsClientsSocketsAreClosedWithServiceRestart() throws Exception {
        try (var socket = TestSocket.open(URI.create("ws://127.0.0.1:" + port + "/ws/calls?callId=k1&access_token=" + token))) {
            assertThat(socket.nextText()).startsWith("protocols:");

            video.stop();

            assertThat(socket.awaitClose()).isEqualTo(1012);
        }
    }

    /** A close the service sends itself still reaches the client unchanged. */
    @Test
    void aCloseTheServiceSendsReachesTheClientUnchanged() throws Exception {
        try (var socket = TestSocket.open(URI.create("ws://127.0.0.1:" + port + "/ws/calls?callId=k1&access_token=" + token))) {
            assertThat(socket.nextText()).startsWith("protocols:");

            socket.send("close:4401");

            assertThat(socket.awaitClose()).isEqualTo(4401);
        }
    }

    @Test
    void aServiceSlowerThanItsRouteTimeoutIsAQuickServiceUnavailable() throws Exception {
        storage.slowDelay(Duration.ofSeconds(5));
        long before = storage.countReceived("/api/v1/files/slow");
        long started = System.nanoTime();

        HttpResponse<String> response = send("GET", "/api/v1/files/slow");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"code\":\"SERVICE_UNAVAILABLE\"", "\"service\":\"storage\"");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("700 ms timeout, not the service's 5 s")
                .isLessThan(Duration.ofSeconds(4));
        assertThat(storage.countReceived("/api/v1/files/slow") - before).as("a timeout is never retried").isEqualTo(1);
    }

    @Test
    void anotherRouteKeepsItsOwnLongerTimeout() throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/conversations/slow");

        assertThat(response.statusCode()).as("1.5 s is within chat's 10 s").isEqualTo(200);
    }

    @Test
    void connectErrorsAreRetriedForIdempotentMethodsOnly() throws Exception {
        video.stop();
        double before = retries("video");

        assertThat(send("GET", "/api/v1/calls/c1").statusCode()).isEqualTo(503);
        double afterGet = retries("video");
        assertThat(send("POST", "/api/v1/calls").statusCode()).isEqualTo(503);
        double afterPost = retries("video");

        assertThat(afterGet - before).as("GET: two retries with backoff").isEqualTo(2);
        assertThat(afterPost - afterGet).as("POST: never retried").isZero();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{}")
                        : HttpRequest.BodyPublishers.noBody())
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The state whose {@code circuit_breaker_state} series is 1, as exposed at /metrics. */
    private String circuitState(String service) throws Exception {
        String metrics = send("GET", "/metrics").body();
        return metrics.lines()
                .filter(line -> line.startsWith("circuit_breaker_state{") && line.contains("service=\"" + service + "\"")
                        && line.endsWith(" 1.0"))
                .map(line -> line.replaceAll(".*state=\"([a-z_]+)\".*", "$1"))
                .findFirst().orElse("none");
    }

    private double retries(String service) throws Exception {
        String metrics = send("GET", "/metrics").body();
        return metrics.lines()
                .filter(line -> line.startsWith("gateway_connect_retries_total{") && line.contains("service=\"" + service + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
