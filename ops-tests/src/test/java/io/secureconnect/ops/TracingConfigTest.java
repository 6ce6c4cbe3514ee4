package io.secureconnect.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Traces reach Tempo and Grafana links them to logs: every service is pointed at Tempo's OTLP/HTTP traces URL (the
 * full URL, as Spring Boot's exporter takes it) with a sampling probability, Tempo listens there, and its service
 * graph series land in the Prometheus that Grafana's Tempo datasource reads.
 */
class TracingConfigTest {

    private static final List<String> SERVICES = List.of("api-gateway", "auth-service", "chat-service",
            "video-service", "storage-service");
    private static final String ENDPOINT = "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT";
    private static final String SAMPLING = "MANAGEMENT_TRACING_SAMPLING_PROBABILITY";

    @Test
    void everyComposeServiceExportsToTempoOverOtlpHttp() {
        Map<String, Object> tempo = Repo.yaml("configs/tempo/tempo.yml");
        String receiver = Yamls.at(tempo, "distributor", "receivers", "otlp", "protocols", "http", "endpoint")
                .toString();
        String port = receiver.substring(receiver.lastIndexOf(':') + 1);
        assertThat(Yamls.list(Compose.monitoring().service("tempo"), "expose")).contains(port);
        for (String service : SERVICES) {
            Map<String, Object> environment = Compose.production().environment(service);
            assertThat(environment.get(ENDPOINT)).as("%s %s", service, ENDPOINT).asString()
                    .endsWith("-http://tempo:" + port + "/v1/traces}");
            assertThat(environment.get(SAMPLING)).as("%s %s", service, SAMPLING).asString()
                    .matches("\\$\\{TRACING_SAMPLING_PROBABILITY:-(0(\\.\\d+)?|1(\\.0+)?)}");
        }
    }

    @Test
    void kubernetesServicesExportToTempoWithASamplingProbability() {
        Map<String, Object> config = Yamls.map(Repo.yamlDocuments(Repo.path("deploy/k8s/base/config.yaml")).getFirst(), "data");
        assertThat(Yamls.string(config, ENDPOINT)).matches("http://tempo[.a-z-]*:4318/v1/traces");
        assertThat(Double.parseDouble(Yamls.string(config, SAMPLING))).isBetween(0.0, 1.0);
    }

    @Test
    void grafanaDrawsTheServiceGraphFromTempoMetricsInPrometheus() {
        Map<String, Object> tempo = Repo.yaml("configs/tempo/tempo.yml");
        Map<String, Object> generator = Yamls.map(tempo, "metrics_generator");
        List<Object> remoteWrite = Yamls.list(Yamls.map(generator, "storage"), "remote_write");
        assertThat(remoteWrite).singleElement().satisfies(target -> assertThat(target.toString())
                .contains("url=http://prometheus:9090/api/v1/write"));
        assertThat(Yamls.list(Compose.monitoring().service("prometheus"), "command"))
                .contains("--web.enable-remote-write-receiver");
        assertThat(Repo.read("configs/tempo/tempo.yml")).contains("processors: [service-graphs, span-metrics]");
        assertThat(Repo.read("configs/grafana/provisioning/datasources/datasources.yml"))
                .contains("serviceMap:\n        datasourceUid: prometheus")
                .contains("tracesToLogsV2:\n        datasourceUid: loki");
    }
}
