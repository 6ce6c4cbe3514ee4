package io.secureconnect.ops.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import io.secureconnect.ops.Repo;
import io.secureconnect.ops.Yamls;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The "live test", written here for system-tests to adopt; NOT run by ./mvnw verify (the name ends in
 * "Check", which surefire does not pick up, because it needs the running system). In system-tests it becomes
 * {@code LivePrometheusIT}, fed by the fixture that starts the five jars: the targets below are their addresses,
 * and the last step stops one of them. Run by hand against running services:
 * <pre>
 * ./mvnw -o verify -pl ops-tests -Dtest=LivePrometheusCheck -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dlive.targets=api-gateway=127.0.0.1:8080,auth-service=127.0.0.1:8081,chat-service=127.0.0.1:8082 \
 *   -Dlive.kill=chat-service:PID
 * </pre>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LivePrometheusCheck {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Set<String> SEED_PANELS = Set.of("HTTP request rate", "HTTP request latency P95 / P99",
            "Database query latency P95", "Database connections (active / idle)", "Redis command latency P95",
            "Redis connections", "WebSocket connections", "Active calls", "Message rate", "Push notification rate");

    @TempDir
    static Path work;
    static Map<String, String> targets;
    static LivePrometheus prometheus;

    @BeforeAll
    static void startPrometheus() throws IOException {
        targets = new LinkedHashMap<>();
        for (String pair : System.getProperty("live.targets", "").split(",")) {
            String[] parts = pair.split("=");
            targets.put(parts[0].strip(), parts[1].strip());
        }
        prometheus = LivePrometheus.start(targets, work, Duration.ofSeconds(3));
    }

    @AfterAll
    static void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    @Order(1)
    void everyTargetIsUp() {
        await("every target up", () -> {
            Map<String, String> health = prometheus.targetHealth();
            return health.keySet().equals(targets.keySet()) && health.values().stream().allMatch("up"::equals);
        });
    }

    @Test
    @Order(2)
    void everyDashboardAndAlertExpressionEvaluatesWithoutError() {
        List<String> expressions = new ArrayList<>(ruleExpressions());
        expressions.addAll(dashboardExpressions(null));
        assertThat(expressions).hasSizeGreaterThan(50);
        for (String expression : expressions) {
            assertThatCode(() -> prometheus.query(expression)).as(expression).doesNotThrowAnyException();
        }
        await("every rule evaluated once", () -> allRules().stream().allMatch(r -> !r.path("lastEvaluation").asString().startsWith("0001")));
        for (JsonNode rule : allRules()) {
            assertThat(rule.path("health").asString()).as("%s: %s", rule.path("name").asString(), rule.path("lastError").asString())
                    .isEqualTo("ok");
        }
    }

    @Test
    @Order(3)
    void theSeedsTenPanelsReturnDataAfterSomeTraffic() {
        String gateway = targets.get("api-gateway");
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 20; i++) {
            send(http, HttpRequest.newBuilder(URI.create("http://" + gateway + "/api/v1/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"live-" + i + "@example.com\",\"password\":\"wrong password\"}")).build());
            send(http, HttpRequest.newBuilder(URI.create("http://" + gateway + "/api/v1/conversations")).build());
        }
        List<String> seedQueries = dashboardExpressions(SEED_PANELS);
        assertThat(seedQueries).hasSizeGreaterThanOrEqualTo(SEED_PANELS.size());
        for (String query : seedQueries) {
            await("data for " + query, () -> !prometheus.query(query).isEmpty());
        }
    }

    @Test
    @Order(4)
    void stoppingAServiceFiresServiceDown() {
        String[] kill = System.getProperty("live.kill", "").split(":");
        String service = kill[0];
        ProcessHandle.of(Long.parseLong(kill[1])).orElseThrow().destroy();
        await(service + " ServiceDown firing", () -> prometheus.firingAlerts().stream().anyMatch(a ->
                a.path("labels").path("alertname").asString().equals("ServiceDown")
                        && a.path("labels").path("service").asString().equals(service)
                        && a.path("labels").path("severity").asString().equals("critical")));
    }

    private static List<JsonNode> allRules() {
        List<JsonNode> rules = new ArrayList<>();
        prometheus.rules().forEach(group -> group.path("rules").forEach(rules::add));
        return rules;
    }

    private static List<String> ruleExpressions() {
        List<String> expressions = new ArrayList<>();
        for (String file : List.of("recording.yml", "alerts.yml", "slo.yml")) {
            for (Map<String, Object> group : Yamls.maps(Repo.yaml("configs/prometheus/" + file), "groups")) {
                Yamls.maps(group, "rules").forEach(rule -> expressions.add(Yamls.string(rule, "expr")));
            }
        }
        return expressions;
    }

    /** Prometheus queries of every dashboard, or only of the panels with these titles. */
    private static List<String> dashboardExpressions(Set<String> titles) {
        List<String> expressions = new ArrayList<>();
        for (Path file : Repo.files("configs/grafana/dashboards", ".json")) {
            for (JsonNode panel : JSON.readTree(Repo.read(file)).path("panels")) {
                if (titles != null && !titles.contains(panel.path("title").asString())) {
                    continue;
                }
                for (JsonNode target : panel.path("targets")) {
                    if (target.path("datasource").path("uid").asString().equals("prometheus")) {
                        expressions.add(target.path("expr").asString().replace("$service", "api-gateway"));
                    }
                }
            }
        }
        return expressions;
    }

    private static void send(HttpClient http, HttpRequest request) {
        try {
            http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls until the condition holds (Awaitility in system-tests; kept dependency-free here). */
    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + PATIENCE + ": " + what);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
