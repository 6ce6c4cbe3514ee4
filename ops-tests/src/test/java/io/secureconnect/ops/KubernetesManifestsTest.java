package io.secureconnect.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * deploy/k8s: every manifest parses, the Kustomize trees point at files that exist and patch objects the base
 * declares, and each service's Deployment agrees with the service (port, probes, scrape annotations, environment).
 */
class KubernetesManifestsTest {

    private static final String BASE = "deploy/k8s/base";

    @Test
    void everyManifestParsesAndHasKindAndName() {
        List<Path> files = Repo.files("deploy/k8s", ".yaml");
        assertThat(files).hasSizeGreaterThan(10);
        for (Path file : files) {
            for (Map<String, Object> document : Repo.yamlDocuments(file)) {
                assertThat(Yamls.string(document, "kind")).as("kind in %s", file).isNotBlank();
                if (!"Kustomization".equals(Yamls.string(document, "kind"))) {
                    assertThat(Yamls.string(Yamls.map(document, "metadata"), "name")).as("name in %s", file).isNotBlank();
                }
            }
        }
    }

    @Test
    void kustomizationsReferenceExistingFilesAndPatchObjectsTheBaseDeclares() {
        Set<String> declared = new HashSet<>();
        for (String overlay : List.of(BASE, "deploy/k8s/overlays/dev", "deploy/k8s/overlays/prod")) {
            Map<String, Object> kustomization = Repo.yaml(overlay + "/kustomization.yaml");
            for (Object resource : Yamls.list(kustomization, "resources")) {
                Path path = Repo.path(overlay).resolve(resource.toString()).normalize();
                assertThat(path).as("%s resource %s", overlay, resource).exists();
                if (path.toString().endsWith(".yaml")) {
                    Repo.yamlDocuments(path).forEach(d -> declared.add(kindAndName(d)));
                }
            }
        }
        for (String overlay : List.of("deploy/k8s/overlays/dev", "deploy/k8s/overlays/prod")) {
            Map<String, Object> kustomization = Repo.yaml(overlay + "/kustomization.yaml");
            assertThat(Yamls.list(kustomization, "resources")).contains("../../base");
            assertThat(Yamls.string(kustomization, "namespace")).isNotBlank();
            for (Map<String, Object> patch : Yamls.maps(kustomization, "patches")) {
                if (patch.containsKey("path")) {
                    Path file = Repo.path(overlay).resolve(patch.get("path").toString());
                    assertThat(file).exists();
                    Repo.yamlDocuments(file).forEach(d -> assertThat(declared).as("patched by %s", file).contains(kindAndName(d)));
                } else {
                    Map<String, Object> target = Yamls.map(patch, "target");
                    String kind = Yamls.string(target, "kind");
                    String name = Yamls.string(target, "name");
                    assertThat(declared).as("%s patch target", overlay)
                            .anyMatch(d -> d.startsWith(kind + "/") && (name == null || d.equals(kind + "/" + name)));
                }
            }
            Set<String> imageNames = Yamls.maps(kustomization, "images").stream().map(i -> Yamls.string(i, "name"))
                    .collect(Collectors.toSet());
            assertThat(imageNames).containsExactlyInAnyOrderElementsOf(
                    ServiceConfig.SERVICES.stream().map(s -> "secureconnect/" + s).toList());
        }
    }

    @Test
    void deploymentsUseTheServicesPortsProbesAndScrapeAnnotations() {
        for (ServiceConfig service : ServiceConfig.all()) {
            List<Map<String, Object>> manifests = Repo.yamlDocuments(Repo.path(BASE + "/" + service.name() + ".yaml"));
            Map<String, Object> deployment = only(manifests, "Deployment");
            Map<String, Object> pod = Yamls.map(Yamls.map(deployment, "spec"), "template");
            Map<String, Object> container = Yamls.maps(Yamls.map(pod, "spec"), "containers").getFirst();

            // the management port beside it: ManagementPortTest (S16)
            assertThat(Yamls.maps(container, "ports"))
                    .anySatisfy(p -> assertThat(p).containsEntry("name", "http").containsEntry("containerPort", service.port()));
            assertThat(Yamls.at(container, "livenessProbe", "httpGet")).isEqualTo(Map.of("path", "/health/liveness", "port", "management"));
            assertThat(Yamls.at(container, "startupProbe", "httpGet")).isEqualTo(Map.of("path", "/health/liveness", "port", "management"));
            assertThat(Yamls.at(container, "readinessProbe", "httpGet")).isEqualTo(Map.of("path", "/health/readiness", "port", "management"));
            assertThat(Yamls.map(container, "resources")).containsKeys("requests", "limits");
            assertThat(Yamls.string(container, "image")).isEqualTo("secureconnect/" + service.name() + ":0.1.0");
            assertThat(Yamls.map(Yamls.map(pod, "metadata"), "annotations")).containsEntry("prometheus.io/scrape", "true")
                    .containsKey("prometheus.io/port").containsEntry("prometheus.io/path", "/metrics");
            assertThat(Yamls.maps(container, "volumeMounts")).anySatisfy(m ->
                    assertThat(m).containsEntry("mountPath", ServiceConfig.defaultLogDirectory()));

            Map<String, Object> k8sService = only(manifests, "Service");
            assertThat(Yamls.maps(Yamls.map(k8sService, "spec"), "ports")).singleElement()
                    .satisfies(p -> assertThat(p).containsEntry("port", service.port()).containsEntry("targetPort", "http"));
            Map<String, Object> selector = Yamls.map(Yamls.map(deployment, "spec"), "selector");
            assertThat(Yamls.map(Yamls.map(k8sService, "spec"), "selector")).isEqualTo(Yamls.map(selector, "matchLabels"));
            assertThat(Yamls.map(Yamls.map(only(manifests, "PodDisruptionBudget"), "spec"), "selector")).isEqualTo(selector);
            assertThat(Yamls.at(only(manifests, "HorizontalPodAutoscaler"), "spec", "scaleTargetRef", "name")).isEqualTo(service.name());
        }
    }

    @Test
    void environmentNamesAreOnesTheServicesRead() {
        Map<String, Object> common = Repo.yamlDocuments(Repo.path(BASE + "/config.yaml")).stream()
                .filter(d -> "secureconnect-common".equals(Yamls.at(d, "metadata", "name"))).findFirst().orElseThrow();
        for (ServiceConfig service : ServiceConfig.all()) {
            Map<String, Object> deployment = only(Repo.yamlDocuments(Repo.path(BASE + "/" + service.name() + ".yaml")), "Deployment");
            Map<String, Object> container = Yamls.maps(Yamls.at(deployment, "spec", "template", "spec"), "containers").getFirst();
            List<String> names = new ArrayList<>(Yamls.map(common, "data").keySet());
            Yamls.maps(container, "env").forEach(e -> names.add(Yamls.string(e, "name")));
            names.forEach(name -> service.assertReads(name, "deploy/k8s " + service.name()));
            assertThat(names).as("%s: settings that default to this machine", service.name())
                    .containsAll(service.localDefaults());
            if (!service.name().equals("api-gateway")) {
                String database = service.name().substring(0, service.name().indexOf('-'));
                assertThat(Yamls.maps(container, "env")).anySatisfy(e -> assertThat(e)
                        .containsEntry("name", "SC_DB_URL").containsEntry("value", "jdbc:postgresql://postgres:5432/" + database));
            }
        }
    }

    @Test
    void ingressIsClosedByDefaultAndOpenWhereTrafficComesFrom() {
        Map<String, Map<String, Object>> policies = Repo.yamlDocuments(Repo.path(BASE + "/network-policies.yaml")).stream()
                .collect(Collectors.toMap(d -> Yamls.string(Yamls.map(d, "metadata"), "name"), d -> d));
        assertThat(Yamls.at(policies.get("default-deny-ingress"), "spec", "podSelector")).isEqualTo(Map.of());
        Set<Object> ports = Yamls.maps(Yamls.maps(Yamls.map(policies.get("secureconnect-internal"), "spec"), "ingress").getFirst(), "ports")
                .stream().map(p -> p.get("port")).collect(Collectors.toSet());
        ServiceConfig.all().forEach(s -> assertThat(ports).as("secureconnect-internal allows %s", s.name()).contains(s.port()));
        // prometheus-scrape opens the management port only: ManagementPortTest
    }

    @Test
    void theGatewaysMetricsAreNotReachableThroughTheIngress() {
        List<Map<String, Object>> prod = Repo.yamlDocuments(Repo.path("deploy/k8s/overlays/prod/ingress.yaml"));
        Map<String, Object> ingress = only(prod, "Ingress");
        List<Map<String, Object>> paths = Yamls.maps(Yamls.map(Yamls.maps(Yamls.map(ingress, "spec"), "rules").getFirst(), "http"), "paths");
        Map<String, Object> metrics = paths.stream().filter(p -> "/metrics".equals(p.get("path"))).findFirst().orElseThrow();
        String backend = String.valueOf(Yamls.at(metrics, "backend", "service", "name"));
        assertThat(backend).isNotEqualTo("api-gateway");
        Map<String, Object> blocked = only(prod, "Service");
        assertThat(Yamls.at(blocked, "metadata", "name")).isEqualTo(backend);
        assertThat(Yamls.map(blocked, "spec")).doesNotContainKey("selector");
    }

    private static Map<String, Object> only(List<Map<String, Object>> manifests, String kind) {
        List<Map<String, Object>> matching = manifests.stream().filter(m -> kind.equals(m.get("kind"))).toList();
        assertThat(matching).as(kind).hasSize(1);
        return matching.getFirst();
    }

    private static String kindAndName(Map<String, Object> manifest) {
        return Yamls.string(manifest, "kind") + "/" + Yamls.at(manifest, "metadata", "name");
    }
}
