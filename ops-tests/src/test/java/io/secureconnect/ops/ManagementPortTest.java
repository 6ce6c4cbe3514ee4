package io.secureconnect.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * S16: in production every service serves {@code /metrics}, health and info on a management port of its own
 * ({@code MANAGEMENT_SERVER_PORT}), never published, and everything that reads those endpoints (Prometheus, the
 * container health check, the kubelet's probes) goes there. Local runs ({@code ./secureconnect}) keep one port.
 */
class ManagementPortTest {

    private static final int MANAGEMENT_PORT = 9090;
    private static final Compose PRODUCTION = Compose.production();
    private static final String K8S = "deploy/k8s/base";

    @Test
    void composeGivesEveryServiceTheManagementPortAndPublishesOnlyTheGatewaysApiPort() {
        for (ServiceConfig service : ServiceConfig.all()) {
            assertThat(PRODUCTION.environment(service.name())).as(service.name())
                    .containsEntry("MANAGEMENT_SERVER_PORT", String.valueOf(MANAGEMENT_PORT));
            List<String> published = Yamls.list(PRODUCTION.service(service.name()), "ports").stream()
                    .map(String::valueOf).toList();
            assertThat(published).as("%s publishes", service.name())
                    .noneMatch(port -> port.endsWith(":" + MANAGEMENT_PORT) || port.equals(String.valueOf(MANAGEMENT_PORT)));
        }
        assertThat(Yamls.list(PRODUCTION.service("api-gateway"), "ports")).singleElement().asString().endsWith(":8080");
    }

    @Test
    void composePrometheusScrapesEveryServiceOnItsManagementPort() {
        Map<String, Map<String, Object>> jobs = Yamls.maps(Repo.yaml("configs/prometheus/prometheus.yml"), "scrape_configs")
                .stream().collect(Collectors.toMap(j -> Yamls.string(j, "job_name"), j -> j));
        for (ServiceConfig service : ServiceConfig.all()) {
            Map<String, Object> targets = Yamls.maps(jobs.get(service.name()), "static_configs").getFirst();
            assertThat(Yamls.list(targets, "targets")).as(service.name())
                    .containsExactly(service.name() + ":" + MANAGEMENT_PORT);
        }
    }

    @Test
    void theImageDefaultsToTheManagementPortAndItsHealthCheckAsksThere() {
        assertThat(Repo.read("deploy/docker/Dockerfile")).contains("MANAGEMENT_SERVER_PORT=" + MANAGEMENT_PORT)
                .doesNotContainPattern("EXPOSE[^\\n]*" + MANAGEMENT_PORT);
        assertThat(Repo.read("deploy/docker/healthcheck.sh")).contains("port=${MANAGEMENT_SERVER_PORT:-${SERVER_PORT");
    }

    @Test
    void kubernetesPodsProbeAndScrapeTheManagementPortWhichNoServiceExposes() {
        Map<String, Object> common = Repo.yamlDocuments(Repo.path(K8S + "/config.yaml")).stream()
                .filter(d -> "secureconnect-common".equals(Yamls.at(d, "metadata", "name"))).findFirst().orElseThrow();
        assertThat(Yamls.map(common, "data")).containsEntry("MANAGEMENT_SERVER_PORT", String.valueOf(MANAGEMENT_PORT));
        for (ServiceConfig service : ServiceConfig.all()) {
            List<Map<String, Object>> manifests = Repo.yamlDocuments(Repo.path(K8S + "/" + service.name() + ".yaml"));
            Map<String, Object> pod = Yamls.map(Yamls.map(only(manifests, "Deployment"), "spec"), "template");
            Map<String, Object> container = Yamls.maps(Yamls.map(pod, "spec"), "containers").getFirst();

            assertThat(Yamls.maps(container, "ports")).as(service.name())
                    .anySatisfy(p -> assertThat(p).containsEntry("name", "management").containsEntry("containerPort", MANAGEMENT_PORT));
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertThat(Yamls.at(container, probe, "httpGet", "port")).as("%s %s", service.name(), probe)
                        .isEqualTo("management");
            }
            assertThat(Yamls.map(Yamls.map(pod, "metadata"), "annotations"))
                    .containsEntry("prometheus.io/port", String.valueOf(MANAGEMENT_PORT));
            List<Map<String, Object>> servicePorts = Yamls.maps(Yamls.map(only(manifests, "Service"), "spec"), "ports");
            assertThat(servicePorts).as("%s Service", service.name())
                    .noneSatisfy(p -> assertThat(p.get("targetPort")).isIn("management", MANAGEMENT_PORT));
        }
        String kubernetesPrometheus = Repo.read("configs/prometheus/prometheus-kubernetes.yml");
        assertThat(kubernetesPrometheus).as("scrapes the port the pod annotation names")
                .contains("__meta_kubernetes_pod_annotation_prometheus_io_port");
    }

    @Test
    void onlyPrometheusReachesTheManagementPortInKubernetes() {
        Map<String, Map<String, Object>> policies = Repo.yamlDocuments(Repo.path(K8S + "/network-policies.yaml")).stream()
                .collect(Collectors.toMap(d -> Yamls.string(Yamls.map(d, "metadata"), "name"), d -> d));

        assertThat(allowedPorts(policies.get("prometheus-scrape"))).containsExactly(MANAGEMENT_PORT);
        assertThat(allowedPorts(policies.get("secureconnect-internal"))).doesNotContain(MANAGEMENT_PORT);
        assertThat(allowedPorts(policies.get("api-gateway-from-clients"))).doesNotContain(MANAGEMENT_PORT);
    }

    private static Set<Object> allowedPorts(Map<String, Object> policy) {
        return Yamls.maps(Yamls.map(policy, "spec"), "ingress").stream()
                .flatMap(rule -> Yamls.maps(rule, "ports").stream())
                .map(p -> p.get("port")).collect(Collectors.toSet());
    }

    private static Map<String, Object> only(List<Map<String, Object>> manifests, String kind) {
        return manifests.stream().filter(d -> kind.equals(d.get("kind"))).findFirst().orElseThrow();
    }
}
