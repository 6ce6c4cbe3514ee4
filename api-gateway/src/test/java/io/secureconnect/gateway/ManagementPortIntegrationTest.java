package io.secureconnect.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.secureconnect.testsupport.FreePorts;
import io.secureconnect.testsupport.jwt.WithTestJwks;
import io.secureconnect.testsupport.redis.WithRedis;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway as production runs it (S16): {@code MANAGEMENT_SERVER_PORT} set, so {@code /metrics}, health and info
 * answer on the management port, which is never published, and the public port serves only the API and the web
 * client. The operator allow-list still guards {@code /metrics} on the management port.
 */
@WithRedis
@WithTestJwks
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "management.server.port=0",
    "secureconnect.gateway.edge.trusted-proxies=127.0.0.1/32",
    "secureconnect.gateway.edge.metrics-allowed-networks=10.0.0.0/8"})
class ManagementPortIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void downstreamsThatAreDown(DynamicPropertyRegistry properties) {
        String nobody = "http://127.0.0.1:" + FreePorts.next();
        for (String service : new String[] {"AUTH", "CHAT", "VIDEO", "STORAGE"}) {
            properties.add("SC_" + service + "_URL", () -> nobody);
        }
    }

    @Test
    void metricsAndHealthAreServedOnTheManagementPortOnly() throws Exception {
        HttpResponse<String> metrics = get(managementPort, "/metrics", "10.1.2.3");
        HttpResponse<String> readiness = get(managementPort, "/health/readiness");
        HttpResponse<String> health = get(managementPort, "/health");

        assertThat(managementPort).isNotEqualTo(port);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"components\"");
    }

    @Test
    void publicPortNoLongerServesManagementEndpoints() throws Exception {
        for (String path : new String[] {"/metrics", "/health", "/health/readiness", "/health/liveness", "/info"}) {
            HttpResponse<String> response = get(port, path);

            assertThat(response.statusCode()).as(path).isIn(401, 403, 404);
            assertThat(response.body()).as(path).doesNotContain("jvm_", "\"status\":\"UP\"");
        }
    }

    @Test
    void metricsOnTheManagementPortStillAnswerOnlyTheOperatorNetwork() throws Exception {
        HttpResponse<String> outsider = get(managementPort, "/metrics", "198.51.100.7");

        assertThat(outsider.statusCode()).isEqualTo(403);
        assertThat(outsider.body()).doesNotContain("jvm_");
    }

    @Test
    void publicPortStillServesTheWebClient() throws Exception {
        assertThat(get(port, "/").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(int target, String path) throws Exception {
        return get(target, path, "10.1.2.3");
    }

    /** As the trusted proxy in front would send it, on behalf of {@code client}. */
    private HttpResponse<String> get(int target, String path, String client) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target + path))
                .header("X-Forwarded-For", client).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
