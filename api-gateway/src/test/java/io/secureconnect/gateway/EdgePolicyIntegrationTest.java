package io.secureconnect.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Flow;

import io.secureconnect.testsupport.FreePorts;
import io.secureconnect.testsupport.jwt.TestTokens;
import io.secureconnect.testsupport.jwt.WithTestJwks;
import io.secureconnect.testsupport.redis.WithRedis;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway's own policies at the edge, with this machine's loopback as the trusted proxy in front of it: the
 * client address and TLS come from that proxy's headers, {@code /metrics} answers only the operator network,
 * browsers get CORS and hardening headers, oversize bodies are refused, and {@code /docs} gathers the services'
 * API descriptions.
 */
@WithRedis
@WithTestJwks
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "secureconnect.gateway.edge.trusted-proxies=127.0.0.1/32",
    "secureconnect.gateway.edge.metrics-allowed-networks=10.0.0.0/8",
    "secureconnect.gateway.edge.cors-allowed-origins=https://app.example",
    "secureconnect.web.max-body-size=1KB",
    "secureconnect.gateway.rate-limit.ip.per-second=0.1", "secureconnect.gateway.rate-limit.ip.burst=3",
    "secureconnect.gateway.rate-limit.user.per-second=1000", "secureconnect.gateway.rate-limit.user.burst=1000"})
class EdgePolicyIntegrationTest {

    static final DownstreamServer auth = DownstreamServer.start("auth");
    static final DownstreamServer chat = DownstreamServer.start("chat").withoutDocs();
    static final DownstreamServer storage = DownstreamServer.start("storage");

    @DynamicPropertySource
    static void downstreams(DynamicPropertyRegistry properties) {
        properties.add("SC_AUTH_URL", auth::httpUrl);
        properties.add("SC_CHAT_URL", chat::httpUrl);
        properties.add("SC_STORAGE_URL", storage::httpUrl);
        String nobody = "http://127.0.0.1:" + FreePorts.next();
        properties.add("SC_VIDEO_URL", () -> nobody);
    }

    @AfterAll
    static void stopDownstreams() {
        auth.close();
        chat.close();
        storage.close();
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void metricsAreServedOnlyToTheOperatorNetwork() throws Exception {
        HttpResponse<String> direct = send(get("/metrics"));
        HttpResponse<String> forwardedForOperator = send(get("/metrics").header("X-Forwarded-For", "10.1.2.3"));

        assertThat(direct.statusCode()).as("loopback is not in the allow-list here").isEqualTo(403);
        assertThat(direct.body()).contains("\"code\":\"FORBIDDEN\"").doesNotContain("jvm_");
        assertThat(forwardedForOperator.statusCode()).isEqualTo(200);
        assertThat(forwardedForOperator.body()).contains("circuit_breaker_state{");
    }

    @Test
    void behindATrustedProxyEachForwardedClientHasItsOwnBudget() throws Exception {
        List<Integer> distinctClients = new ArrayList<>();
        List<Integer> sameClient = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            distinctClients.add(send(get("/.well-known/jwks.json").header("X-Forwarded-For", "198.51.100." + i)).statusCode());
            sameClient.add(send(get("/.well-known/jwks.json").header("X-Forwarded-For", "203.0.113.7")).statusCode());
        }

        assertThat(distinctClients).containsOnly(200);
        assertThat(sameClient).containsExactly(200, 200, 200, 429);
        assertThat(auth.received()).filteredOn(request -> request.uri().equals("/.well-known/jwks.json"))
                .extracting(request -> request.header("x-forwarded-for"))
                .as("the service is told the client, not the proxy")
                .contains("203.0.113.7", "198.51.100.1").doesNotContain("127.0.0.1");
    }

    @Test
    void everyAnswerCarriesHardeningHeadersAndHstsOnlyAfterTls() throws Exception {
        String token = TestTokens.accessToken(UUID.randomUUID());
        HttpResponse<String> plain = send(get("/api/v1/files/quota").header("Authorization", "Bearer " + token));
        HttpResponse<String> problem = send(get("/api/v1/files/quota"));
        HttpResponse<String> overTls = send(get("/api/v1/files/quota").header("Authorization", "Bearer " + token)
                .header("X-Forwarded-Proto", "https"));

        for (HttpResponse<String> response : List.of(plain, problem, overTls)) {
            assertThat(response.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
            assertThat(response.headers().allValues("X-Frame-Options")).containsExactly("DENY");
            assertThat(response.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        }
        assertThat(problem.statusCode()).isEqualTo(401);
        assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(overTls.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
                hsts -> assertThat(hsts).startsWith("max-age="));
        assertThat(storage.lastReceived("/api/v1/files/quota").header("x-forwarded-proto")).isEqualTo("https");
    }

    @Test
    void theWebClientsOriginMayCallTheApiAndOthersMayNot() throws Exception {
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(uri("/api/v1/conversations"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Authorization, Content-Type"));
        HttpResponse<String> foreign = send(HttpRequest.newBuilder(uri("/api/v1/conversations"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST"));
        HttpResponse<String> actual = send(get("/api/v1/conversations").header("Origin", "https://app.example")
                .header("Authorization", "Bearer " + TestTokens.accessToken(UUID.randomUUID())));

        assertThat(preflight.statusCode()).as("answered before any token is asked for").isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                methods -> assertThat(methods).contains("POST"));
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(actual.statusCode()).isEqualTo(200);
        assertThat(actual.headers().allValues("Access-Control-Allow-Origin")).containsExactly("https://app.example");
    }

    @Test
    void aBodyAboveTheLimitIsAPayloadTooLargeProblem() throws Exception {
        String token = TestTokens.accessToken(UUID.randomUUID());
        HttpResponse<String> declared = send(post("/api/v1/conversations", token,
                HttpRequest.BodyPublishers.ofString("x".repeat(2048))));
        HttpResponse<String> chunked = send(post("/api/v1/conversations", token, chunked("y".repeat(4096))));
        HttpResponse<String> small = send(post("/api/v1/conversations", token,
                HttpRequest.BodyPublishers.ofString("{\"type\":\"direct\"}")));

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.body()).contains("\"code\":\"PAYLOAD_TOO_LARGE\"");
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(small.statusCode()).isEqualTo(200);
    }

    @Test
    void docsGatherEveryServicesDescriptionAndSurviveOneWithout() throws Exception {
        HttpResponse<String> page = send(get("/docs"));
        HttpResponse<String> authDocs = send(get("/docs/auth/openapi.json"));
        HttpResponse<String> chatDocs = send(get("/docs/chat/openapi.json"));
        HttpResponse<String> videoDocs = send(get("/docs/video/openapi.json"));
        HttpResponse<String> unknown = send(get("/docs/nobody/openapi.json"));
        HttpResponse<String> whole = send(get("/docs/openapi.json"));
        HttpResponse<String> script = send(get("/docs/ui/swagger-ui-bundle.js"));

        assertThat(page.statusCode()).as("public, no token").isEqualTo(200);
        assertThat(page.body()).contains("/docs/openapi.json", "/docs/auth/openapi.json", "/docs/chat/openapi.json",
                "/docs/video/openapi.json", "/docs/storage/openapi.json");
        assertThat(authDocs.statusCode()).isEqualTo(200);
        assertThat(authDocs.body()).contains("\"title\":\"auth-service\"",
                        "\"servers\":[{\"url\":\"/\",\"description\":\"The API gateway\"}]")
                .doesNotContain(auth.httpUrl());
        assertThat(chatDocs.statusCode()).as("chat has no description yet").isEqualTo(503);
        assertThat(chatDocs.body()).contains("\"service\":\"chat\"");
        assertThat(videoDocs.statusCode()).as("video is down").isEqualTo(503);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(whole.statusCode()).as("never a description without a service's paths").isEqualTo(503);
        assertThat(whole.body()).contains("\"code\":\"SERVICE_UNAVAILABLE\"");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).contains("javascript"));
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET();
    }

    private HttpRequest.Builder post(String path, String token, HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(uri(path)).POST(body).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token);
    }

    /** A body of unknown length (no Content-Length), so only counting the bytes can catch it. */
    private static HttpRequest.BodyPublisher chunked(String text) {
        HttpRequest.BodyPublisher known = HttpRequest.BodyPublishers.ofString(text);
        return new HttpRequest.BodyPublisher() {
            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super java.nio.ByteBuffer> subscriber) {
                known.subscribe(subscriber);
            }
        };
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
