package io.secureconnect.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.secureconnect.ops.Repo;
import io.secureconnect.ops.Yamls;
import io.secureconnect.ops.live.LivePrometheus;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What operators will see, checked against the running system: Debian's Prometheus on the repository's scrape
 * config, rules and dashboards, scraping the five services. Every target is up; every alert, recording rule and
 * dashboard expression evaluates; the seeds' ten panels have data after some traffic; a stopped service makes
 * ServiceDown fire (the rules' {@code for:} shortened for the test), and the service is started again after.
 */
@SystemTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LivePrometheusIT {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> SEED_PANELS = Set.of("HTTP request rate", "HTTP request latency P95 / P99",
            "Database query latency P95", "Database connections (active / idle)", "Redis command latency P95",
            "Redis connections", "WebSocket connections", "Active calls", "Message rate", "Push notification rate");

    @TempDir
    static Path work;
    static LivePrometheus prometheus;
    static Map<String, String> targets;

    private final SecureConnectSystem system;

    LivePrometheusIT(SecureConnectSystem system) {
        this.system = system;
    }

    @BeforeAll
    static void startPrometheus() throws Exception {
        var system = SecureConnectSystem.shared();
        targets = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            targets.put(service.module(), system.address(service));
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
        await("every target up").atMost(PATIENCE).untilAsserted(() -> {
            Map<String, String> health = prometheus.targetHealth();
            assertThat(health).containsOnlyKeys(targets.keySet());
            assertThat(health.values()).allMatch("up"::equals);
        });
    }

    @Test
    @Order(2)
    void everyDashboardAndRuleExpressionEvaluates() {
        List<String> expressions = new ArrayList<>(ruleExpressions());
        expressions.addAll(dashboardExpressions(null));

        assertThat(expressions).hasSizeGreaterThan(50);
        for (String expression : expressions) {
            assertThatCode(() -> prometheus.query(expression)).as(expression).doesNotThrowAnyException();
        }
        await("every rule evaluated once").atMost(PATIENCE).until(() ->
                allRules().stream().noneMatch(rule -> rule.path("lastEvaluation").asString().startsWith("0001")));
        assertThat(allRules()).allSatisfy(rule -> assertThat(rule.path("health").asString())
                .as("%s: %s", rule.path("name").asString(), rule.path("lastError").asString()).isEqualTo("ok"));
    }

    @Test
    @Order(3)
    void theSeedsTenPanelsHaveDataAfterSomeTraffic() {
        for (int i = 0; i < 20; i++) {
            Api.postJson(system.gateway("/api/v1/auth/login"),
                    "{\"email\":\"live-" + UUID.randomUUID() + "@example.com\",\"password\":\"wrong password\"}").send();
            Api.get(system.gateway("/api/v1/conversations")).send();
        }
        List<String> seedQueries = dashboardExpressions(SEED_PANELS);

        assertThat(seedQueries).hasSizeGreaterThanOrEqualTo(SEED_PANELS.size());
        for (String query : seedQueries) {
            await("data for " + query).atMost(PATIENCE).until(() -> !prometheus.query(query).isEmpty());
        }
    }

    @Test
    @Order(4)
    void aStoppedServiceFiresServiceDown() {
        system.stop(Service.STORAGE);
        try {
            await("ServiceDown for storage-service").atMost(PATIENCE).until(() -> prometheus.firingAlerts().stream()
                    .anyMatch(alert -> alert.path("labels").path("alertname").asString().equals("ServiceDown")
                            && alert.path("labels").path("service").asString().equals("storage-service")
                            && alert.path("labels").path("severity").asString().equals("critical")));
        } finally {
            system.restart(Service.STORAGE);
        }
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

    /** The Prometheus queries of every dashboard, or only of the panels with these titles. */
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
}
