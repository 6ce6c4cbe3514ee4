package io.secureconnect.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** Prometheus configuration, recording and alerting rules, and their promtool unit tests. */
class PrometheusRulesTest {

    private static final Path PROMETHEUS_DIR = Repo.path("configs/prometheus");
    private static final List<String> RULE_FILES = List.of("recording.yml", "alerts.yml", "slo.yml");

    /** The alerts operators asked for (issue 9); each must exist, documented and unit-tested. */
    private static final Set<String> REQUIRED_ALERTS = Set.of("ServiceDown", "HighErrorRate", "HighResponseTime",
            "DBPoolExhaustion", "DBQueryErrors", "RedisDown", "RedisDegradedMode", "ScrapeFailed", "NoActiveConnections",
            "WebSocketConnectionsHigh", "ActiveCallsHigh", "CallFailuresHigh", "LoginFailureSpike", "AccountLockouts",
            "RefreshTokenReuse", "RateLimitBlockedHigh", "CircuitBreakerOpen", "StorageQuotaExceededSpike", "PushFailures",
            "GatewayAvailabilityBudgetBurn", "GatewayLatencyBudgetBurn");

    @Test
    void configurationAndTheRuleFilesItLoadsAreValid() {
        String output = Tool.succeed(PROMETHEUS_DIR, "promtool", "check", "config", "prometheus.yml");
        assertThat(output).contains("3 rule files found");
    }

    /**
     * Debian's promtool is built without Kubernetes service discovery, so it checks a copy whose discovery block
     * is replaced by a static target; everything else (relabelling regexes, rule files) is checked as written.
     */
    @Test
    void kubernetesConfigurationIsValidAndUsesTheSameRules(@TempDir Path work) throws IOException {
        Map<String, Object> config = Repo.yaml("configs/prometheus/prometheus-kubernetes.yml");
        assertThat(Yamls.list(config, "rule_files")).containsExactlyElementsOf(RULE_FILES);
        Map<String, Object> services = Yamls.maps(config, "scrape_configs").getFirst();
        assertThat(services.toString()).contains("target_label=job", "target_label=service",
                "__meta_kubernetes_pod_annotation_prometheus_io_port");
        assertThat(services.remove("kubernetes_sd_configs")).isNotNull();
        services.put("static_configs", List.of(Map.of("targets", List.of("pod:8080"))));
        for (String ruleFile : RULE_FILES) {
            Files.copy(PROMETHEUS_DIR.resolve(ruleFile), work.resolve(ruleFile));
        }
        Files.writeString(work.resolve("prometheus.yml"), new Yaml().dump(config));
        assertThat(Tool.succeed(work, "promtool", "check", "config", "prometheus.yml")).contains("3 rule files found");
    }

    @Test
    void ruleFilesAreValid() {
        List<String> command = new ArrayList<>(List.of("promtool", "check", "rules"));
        command.addAll(RULE_FILES);
        Tool.succeed(PROMETHEUS_DIR, command.toArray(String[]::new));
    }

    @Test
    void everyAlertUnitTestPasses() {
        List<Path> tests = Repo.files("configs/prometheus/tests", ".test.yml");
        assertThat(tests).isNotEmpty();
        List<String> command = new ArrayList<>(List.of("promtool", "test", "rules"));
        tests.forEach(t -> command.add(t.toString()));
        String output = Tool.succeed(PROMETHEUS_DIR.resolve("tests"), command.toArray(String[]::new));
        assertThat(output).doesNotContain("FAILED");
    }

    @Test
    void everyAlertOperatorsAskedForExists() {
        assertThat(alerts().keySet()).containsAll(REQUIRED_ALERTS);
    }

    @Test
    void everyAlertHasSeveritySummaryDescriptionAndAWrittenRunbook() {
        alerts().forEach((name, rules) -> rules.forEach(rule -> {
            assertThat(Yamls.string(Yamls.map(rule, "labels"), "severity")).as("%s severity", name)
                    .isIn("critical", "warning", "info");
            Map<String, Object> annotations = Yamls.map(rule, "annotations");
            assertThat(Yamls.string(annotations, "summary")).as("%s summary", name).isNotBlank();
            assertThat(Yamls.string(annotations, "description")).as("%s description", name).isNotBlank();
            assertThat(Yamls.string(annotations, "runbook_url")).as("%s runbook_url", name)
                    .isEqualTo("docs/runbooks/" + name + ".md");
            Path runbook = Repo.path("docs/runbooks/" + name + ".md");
            assertThat(runbook).as("runbook of %s", name).exists();
            assertThat(Repo.read(runbook)).as("runbook of %s", name)
                    .contains("# " + name, "## What it means", "## First checks", "## Mitigation");
        }));
    }

    /** Each alert has a case where it fires and one where it must stay quiet. */
    @Test
    void everyAlertIsTestedFiringAndQuiet() {
        Set<String> fired = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        for (Path file : Repo.files("configs/prometheus/tests", ".test.yml")) {
            for (Map<String, Object> test : Yamls.maps(Repo.yaml(Repo.ROOT.relativize(file).toString()), "tests")) {
                for (Map<String, Object> check : Yamls.maps(test, "alert_rule_test")) {
                    String alert = Yamls.string(check, "alertname");
                    (Yamls.list(check, "exp_alerts").isEmpty() ? quiet : fired).add(alert);
                }
            }
        }
        assertThat(fired).as("alerts with a test where they fire").containsAll(alerts().keySet());
        assertThat(quiet).as("alerts with a test where they stay quiet").containsAll(alerts().keySet());
    }

    @Test
    void everyServiceIsScrapedAtMetrics() {
        Map<String, Object> config = Repo.yaml("configs/prometheus/prometheus.yml");
        Map<String, Map<String, Object>> jobs = Yamls.maps(config, "scrape_configs").stream()
                .collect(Collectors.toMap(j -> Yamls.string(j, "job_name"), j -> j));
        for (ServiceConfig service : ServiceConfig.all()) {
            Map<String, Object> job = jobs.get(service.name());
            assertThat(job).as("scrape job %s", service.name()).isNotNull();
            assertThat(Yamls.string(job, "metrics_path")).isEqualTo("/metrics");
            Map<String, Object> targets = Yamls.maps(job, "static_configs").getFirst();
            // on its management port, not its API port: ManagementPortTest (S16)
            assertThat(Yamls.list(targets, "targets")).singleElement().asString().startsWith(service.name() + ":");
            assertThat(Yamls.map(targets, "labels")).containsEntry("service", service.name());
        }
        assertThat(jobs).containsKeys("prometheus", "alertmanager", "postgres-exporter", "redis-exporter");
        assertThat(Yamls.list(config, "rule_files")).containsExactlyElementsOf(RULE_FILES);
        assertThat(Yamls.maps(Yamls.map(config, "alerting"), "alertmanagers")).as("Alertmanager wired").isNotEmpty();
    }

    /** alertname to its rules (HighResponseTime and the burn-rate alerts have several). */
    static Map<String, List<Map<String, Object>>> alerts() {
        Map<String, List<Map<String, Object>>> alerts = new TreeMap<>();
        for (String file : List.of("alerts.yml", "slo.yml")) {
            for (Map<String, Object> group : Yamls.maps(Repo.yaml("configs/prometheus/" + file), "groups")) {
                for (Map<String, Object> rule : Yamls.maps(group, "rules")) {
                    if (rule.containsKey("alert")) {
                        alerts.computeIfAbsent(Yamls.string(rule, "alert"), k -> new ArrayList<>()).add(rule);
                    }
                }
            }
        }
        return alerts;
    }
}
