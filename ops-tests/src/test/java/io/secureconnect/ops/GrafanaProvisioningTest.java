package io.secureconnect.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Grafana datasources and dashboards: they parse, use only provisioned datasources, and their PromQL parses. */
class GrafanaProvisioningTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> SEED_PANELS = Set.of("HTTP request rate", "HTTP request latency P95 / P99",
            "Database query latency P95", "Database connections (active / idle)", "Redis command latency P95",
            "Redis connections", "WebSocket connections", "Active calls", "Message rate", "Push notification rate");

    @Test
    void datasourcesArePrometheusLokiAndTempoAtTheirComposeAddresses() {
        Map<String, String> urls = datasources().stream()
                .collect(Collectors.toMap(d -> Yamls.string(d, "uid"), d -> Yamls.string(d, "url")));
        assertThat(urls).containsOnlyKeys("prometheus", "loki", "tempo")
                .containsEntry("prometheus", "http://prometheus:9090")
                .containsEntry("loki", "http://loki:3100")
                .containsEntry("tempo", "http://tempo:3200");
        assertThat(Compose.monitoring().services()).containsKeys("prometheus", "loki", "tempo");
        String provisioning = Repo.read("configs/grafana/provisioning/datasources/datasources.yml");
        assertThat(provisioning).contains("datasourceUid: tempo", "datasourceUid: loki");
    }

    @Test
    void grafanaLoadsTheDashboardsFromWhereComposeMountsThem() {
        String provider = Yamls.string(Yamls.map(Yamls.maps(
                Repo.yaml("configs/grafana/provisioning/dashboards/dashboards.yml"), "providers").getFirst(), "options"), "path");
        Compose monitoring = Compose.monitoring();
        assertThat(monitoring.mountPoint("grafana", "./configs/grafana/dashboards")).isEqualTo(provider);
        assertThat(monitoring.mountPoint("grafana", "./configs/grafana/provisioning")).isEqualTo("/etc/grafana/provisioning");
        String home = String.valueOf(monitoring.environment("grafana").get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"));
        assertThat(home).startsWith(provider + "/");
        assertThat(Repo.path("configs/grafana/dashboards/" + home.substring(provider.length() + 1))).exists();
    }

    @Test
    void everyDashboardParsesAndUsesOnlyProvisionedDatasources() {
        Set<String> provisioned = datasources().stream().map(d -> Yamls.string(d, "uid")).collect(Collectors.toSet());
        Set<String> uids = new TreeSet<>();
        for (Path file : dashboardFiles()) {
            JsonNode dashboard = JSON.readTree(Repo.read(file));
            assertThat(uids.add(dashboard.path("uid").asString())).as("unique uid in %s", file).isTrue();
            List<JsonNode> references = dashboard.findValues("datasource");
            assertThat(references).as("datasources of %s", file).isNotEmpty();
            for (JsonNode reference : references) {
                assertThat(reference.isObject()).as("%s: datasource by uid object, got %s", file, reference).isTrue();
                assertThat(reference.path("uid").asString()).as("datasource in %s", file).isIn(provisioned);
            }
        }
        assertThat(uids).contains("secureconnect-overview", "secureconnect-service", "secureconnect-logs");
    }

    @Test
    void overviewHasTheSeedsTenPanelsAndTheNewOnes() {
        Set<String> titles = new TreeSet<>();
        JSON.readTree(Repo.read("configs/grafana/dashboards/overview.json")).path("panels")
                .forEach(p -> titles.add(p.path("title").asString()));
        assertThat(titles).containsAll(SEED_PANELS)
                .contains("Redis degraded mode", "Authentication failures", "Rate limiting", "Uploads and downloads");
    }

    @Test
    void logsDashboardLooksUpRequestsAndAuditEvents() {
        String logs = Repo.read("configs/grafana/dashboards/logs.json");
        assertThat(logs).contains("request_id=\\\"$request_id\\\"", "log_type=\\\"audit\\\"");
    }

    /** Each PromQL expression becomes a recording rule, so promtool's parser checks it. */
    @Test
    void everyPrometheusQueryParses(@TempDir Path work) throws IOException {
        List<String> expressions = new ArrayList<>();
        for (Path file : dashboardFiles()) {
            for (JsonNode target : JSON.readTree(Repo.read(file)).findValues("targets")) {
                for (JsonNode query : target) {
                    if (query.path("datasource").path("uid").asString().equals("prometheus")) {
                        expressions.add(query.path("expr").asString().replace("$service", "api-gateway"));
                    }
                }
            }
        }
        assertThat(expressions).hasSizeGreaterThan(20);
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
        for (int i = 0; i < expressions.size(); i++) {
            rules.append("      - record: dashboard:query").append(i).append('\n')
                    .append("        expr: ").append(JSON.writeValueAsString(expressions.get(i))).append('\n');
        }
        Path file = Files.writeString(work.resolve("dashboards.yml"), rules);
        Tool.succeed(work, "promtool", "check", "rules", file.toString());
    }

    private static List<Map<String, Object>> datasources() {
        return Yamls.maps(Repo.yaml("configs/grafana/provisioning/datasources/datasources.yml"), "datasources");
    }

    private static List<Path> dashboardFiles() {
        List<Path> files = Repo.files("configs/grafana/dashboards", ".json");
        assertThat(files).isNotEmpty();
        return files;
    }
}
