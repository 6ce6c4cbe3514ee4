package io.secureconnect.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.secureconnect.common.redis.RedisGuard;
import io.secureconnect.testsupport.FreePorts;
import io.secureconnect.testsupport.jwt.TestTokens;
import io.secureconnect.testsupport.jwt.WithTestJwks;
import io.secureconnect.testsupport.redis.RedisServerExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Budgets at the edge: past its burst a client gets 429 with Retry-After, per user and per address, with a
 * stricter budget on login; with Redis stopped the same limits hold from memory, at once. The services behind
 * are down here, so an allowed request answers 503 and a refused one 429.
 */
@WithTestJwks
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "secureconnect.gateway.rate-limit.user.per-second=0.5", "secureconnect.gateway.rate-limit.user.burst=3",
    "secureconnect.gateway.rate-limit.ip.per-second=0.5", "secureconnect.gateway.rate-limit.ip.burst=5",
    "secureconnect.gateway.rate-limit.sensitive.per-second=0.1", "secureconnect.gateway.rate-limit.sensitive.burst=2"})
class RateLimitIntegrationTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry properties) {
        properties.add("spring.data.redis.url", redis::url);
        String nobody = "http://127.0.0.1:" + FreePorts.next();
        for (String service : new String[] {"AUTH", "CHAT", "VIDEO", "STORAGE"}) {
            properties.add("SC_" + service + "_URL", () -> nobody);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    RedisGuard guard;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aUserPastTheBurstIsToldToWait() throws Exception {
        String token = TestTokens.accessToken(UUID.randomUUID());

        List<HttpResponse<String>> responses = burst(5, "/api/v1/files/quota", token);

        assertThat(responses).extracting(HttpResponse::statusCode).containsExactly(503, 503, 503, 429, 429);
        HttpResponse<String> refused = responses.get(3);
        assertThat(refused.body()).contains("\"code\":\"RATE_LIMITED\"");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 2L);
        assertThat(responses.get(0).headers().firstValue("RateLimit-Limit")).contains("3");
        assertThat(burst(1, "/api/v1/files/quota", TestTokens.accessToken(UUID.randomUUID())).get(0).statusCode())
                .as("another user has a budget of its own").isEqualTo(503);
    }

    @Test
    void loginIsLimitedMoreStrictlyThanOtherPublicRequests() throws Exception {
        assertThat(burst(3, "/api/v1/auth/login", null)).extracting(HttpResponse::statusCode)
                .containsExactly(503, 503, 429);
    }

    /** S3: a token of one's own does not swap the strict login budget for the larger user budget. */
    @Test
    void loginWithATokenIsStillLimitedPerAddress() throws Exception {
        String token = TestTokens.accessToken(UUID.randomUUID());

        List<HttpResponse<String>> responses = burst(3, "/api/v1/auth/login", token);

        // the user budget (burst 3) would let all three through; the per-address login budget (burst 2) does not
        assertThat(responses.get(2).statusCode()).isEqualTo(429);
        assertThat(responses).allSatisfy(response ->
                assertThat(response.headers().firstValue("RateLimit-Limit")).contains("2"));
    }

    @Test
    void withRedisStoppedTheLimitsHoldFromMemory() throws Exception {
        redis.stop();
        await().atMost(Duration.ofSeconds(3)).until(guard::isDegraded);

        // a public route: with Redis and auth-service both down, tokens could not be checked at all
        long started = System.nanoTime();
        List<HttpResponse<String>> responses = burst(7, "/.well-known/jwks.json", null);

        assertThat(responses).extracting(HttpResponse::statusCode).containsExactly(503, 503, 503, 503, 503, 429, 429);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("nobody waits on Redis").isLessThan(Duration.ofSeconds(3));
        redis.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> !guard.isDegraded());
    }

    @Test
    void aForwardedForHeaderFromAnUntrustedPeerDoesNotChangeTheAddressKey() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            HttpRequest spoofed = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/refresh"))
                    .timeout(Duration.ofSeconds(10))
                    .header("X-Forwarded-For", "198.51.100." + i)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
            statuses.add(http.send(spoofed, HttpResponse.BodyHandlers.ofString()).statusCode());
        }

        assertThat(statuses).as("one address budget (burst 5), however many addresses the header names")
                .containsExactly(503, 503, 503, 503, 503, 429, 429);
    }

    private List<HttpResponse<String>> burst(int count, String path, String token) throws Exception {
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            responses.add(http.send(path.endsWith("login")
                    ? request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build()
                    : request.GET().build(), HttpResponse.BodyHandlers.ofString()));
        }
        return responses;
    }
}
