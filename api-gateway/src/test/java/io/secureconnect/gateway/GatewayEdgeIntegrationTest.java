package io.secureconnect.gateway;

import static org.assertj.core.api.Assertions.assertThat;

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

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway's edge behaviour with its downstream services not running: tokens are checked before anything is
 * forwarded, and an unreachable service is a fast 503 problem rather than a hang or a 500. Routing to the real
 * services is proven end to end in system-tests.
 */
@WithRedis
@WithTestJwks
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayEdgeIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void downstreamsThatAreDown(DynamicPropertyRegistry properties) {
        String nobody = "http://127.0.0.1:" + FreePorts.next();
        for (String service : new String[] {"AUTH", "CHAT", "VIDEO", "STORAGE"}) {
            properties.add("SC_" + service + "_URL", () -> nobody);
        }
    }

    @Test
    void protectedRouteWithoutTokenIsRefusedAtTheEdge() throws Exception {
        HttpResponse<String> response = send("/api/v1/conversations", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"code\":\"UNAUTHENTICATED\"");
    }

    @Test
    void unreachableServiceIsAServiceUnavailableProblem() throws Exception {
        HttpResponse<String> response = send("/api/v1/files/quota", TestTokens.accessToken(UUID.randomUUID()));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"code\":\"SERVICE_UNAVAILABLE\"");
    }

    @Test
    void publicAuthRoutesAreForwardedWithoutToken() throws Exception {
        HttpResponse<String> response = send("/api/v1/auth/login", null);

        assertThat(response.statusCode()).as("forwarded, and the auth service is down").isEqualTo(503);
    }

    @Test
    void requestIdIsReturnedOnce() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/v1/files/x"))
                .header("X-Request-ID", "gw-test-1").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.headers().allValues("X-Request-ID")).containsExactly("gw-test-1");
        assertThat(response.body()).contains("\"requestId\":\"gw-test-1\"");
    }

    @Test
    void healthIsUp() throws Exception {
        HttpResponse<String> response = send("/health", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    private HttpResponse<String> send(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
