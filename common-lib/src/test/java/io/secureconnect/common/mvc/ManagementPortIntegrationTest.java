package io.secureconnect.common.mvc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import io.secureconnect.testsupport.jwt.TestTokens;
import io.secureconnect.testsupport.jwt.WithTestJwks;
import io.secureconnect.testsupport.postgres.WithPostgres;
import io.secureconnect.testsupport.redis.WithRedis;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An MVC service as production runs it (S16): with {@code MANAGEMENT_SERVER_PORT} set, {@code /metrics}, health and
 * info move to the management port, which is never published, and the service port answers them like any unknown
 * path. The metrics there are still the service's own (the same registry), and the probes need no token.
 */
@WithPostgres
@WithRedis
@WithTestJwks
@SpringBootTest(classes = MvcTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.server.port=0")
class ManagementPortIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void metricsAndProbesAreServedOnTheManagementPortWithoutToken() throws Exception {
        get(port, "/api/v1/items/7", TestTokens.accessToken(UUID.randomUUID()));

        HttpResponse<String> metrics = get(managementPort, "/metrics", null);
        HttpResponse<String> readiness = get(managementPort, "/health/readiness", null);

        assertThat(managementPort).isNotEqualTo(port);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).as("requests on the service port are counted in the one registry")
                .contains("http_requests_total{", "route=\"/api/v1/items/{id}\"");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).as("the detailed answer, for operators").contains("\"readinessState\"");
        assertThat(get(managementPort, "/health/liveness", null).statusCode()).isEqualTo(200);
    }

    @Test
    void servicePortNoLongerServesManagementEndpoints() throws Exception {
        String token = TestTokens.accessToken(UUID.randomUUID());
        for (String path : new String[] {"/metrics", "/health", "/health/readiness", "/health/liveness", "/info"}) {
            for (String bearer : new String[] {null, token}) {
                HttpResponse<String> response = get(port, path, bearer);

                assertThat(response.statusCode()).as(path).isIn(401, 404);
                assertThat(response.body()).as(path).doesNotContain("jvm_", "\"status\":\"UP\"");
            }
        }
    }

    private HttpResponse<String> get(int target, String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
