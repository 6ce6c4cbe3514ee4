package io.secureconnect.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.secureconnect.testsupport.process.ServiceProcess;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real Alertmanager (Debian's prometheus-alertmanager) on the rendered configuration: alerts are posted to its
 * API and the inhibition rules are observed in what it reports as suppressed.
 */
class AlertmanagerInhibitionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    static Path work;
    static ServiceProcess alertmanager;
    static URI api;

    @BeforeAll
    static void startAlertmanager() throws Exception {
        Path config = work.resolve("alertmanager.yml");
        Tool.succeed(Repo.path("configs/alertmanager"), Map.of(
                "ALERTMANAGER_PAGING_WEBHOOK_URL", "http://127.0.0.1:9/paging",
                "ALERTMANAGER_CHAT_WEBHOOK_URL", "http://127.0.0.1:9/chat",
                "ALERTMANAGER_RENDERED_CONFIG", config.toString(),
                "ALERTMANAGER_BIN", "true"), "sh", "render-config.sh", "alertmanager.yml");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Tool.run(work, Map.of(), "prometheus-alertmanager", "--version"); // fails with the package name when missing
        alertmanager = ServiceProcess.builder("alertmanager", List.of("prometheus-alertmanager",
                        "--config.file=" + config, "--storage.path=" + work.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address="))
                .port(port).readinessPath("/api/v2/status").output(work.resolve("alertmanager.log")).start()
                .awaitReady(Duration.ofSeconds(30));
        api = alertmanager.uri("/api/v2/");
    }

    @AfterAll
    static void stopAlertmanager() {
        if (alertmanager != null) {
            alertmanager.stop(Duration.ofSeconds(10));
        }
    }

    @Test
    void serviceDownSilencesThatServiceOnlyAndRedisDownSilencesDegradedMode() throws Exception {
        post("""
                [{"labels": {"alertname": "ServiceDown", "service": "chat-service", "severity": "critical"}},
                 {"labels": {"alertname": "HighErrorRate", "service": "chat-service", "severity": "critical"}},
                 {"labels": {"alertname": "CircuitBreakerOpen", "service": "chat-service", "downstream": "chat", "severity": "critical"}},
                 {"labels": {"alertname": "HighErrorRate", "service": "auth-service", "severity": "critical"}},
                 {"labels": {"alertname": "RedisDown", "job": "redis-exporter", "severity": "critical"}},
                 {"labels": {"alertname": "RedisDegradedMode", "service": "video-service", "severity": "warning"}},
                 {"labels": {"alertname": "GatewayAvailabilityBudgetBurn", "service": "api-gateway", "burn": "fast", "severity": "critical"}},
                 {"labels": {"alertname": "GatewayAvailabilityBudgetBurn", "service": "api-gateway", "burn": "slow", "severity": "warning"}}]
                """);

        Map<String, String> state = states();
        assertThat(state).containsEntry("ServiceDown/chat-service", "active")
                .containsEntry("HighErrorRate/chat-service", "suppressed")
                .containsEntry("CircuitBreakerOpen/chat-service", "suppressed")
                .containsEntry("HighErrorRate/auth-service", "active")
                .containsEntry("RedisDown/", "active")
                .containsEntry("RedisDegradedMode/video-service", "suppressed")
                .containsEntry("GatewayAvailabilityBudgetBurn/api-gateway/fast", "active")
                .containsEntry("GatewayAvailabilityBudgetBurn/api-gateway/slow", "suppressed");
    }

    /** alertname/service[/burn] to Alertmanager's state (active or suppressed). */
    private static Map<String, String> states() throws Exception {
        Map<String, String> states = new HashMap<>();
        for (JsonNode alert : JSON.readTree(get("alerts"))) {
            JsonNode labels = alert.path("labels");
            String key = labels.path("alertname").asString() + "/" + labels.path("service").asString("")
                    + (labels.has("burn") ? "/" + labels.path("burn").asString() : "");
            states.put(key, alert.path("status").path("state").asString());
        }
        return states;
    }

    private static void post(String json) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(api.resolve("alerts"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static String get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(api.resolve(path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
