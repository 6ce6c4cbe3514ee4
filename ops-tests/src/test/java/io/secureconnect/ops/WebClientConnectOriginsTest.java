package io.secureconnect.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * S22: the gateway names in the web client's {@code connect-src} the very S3 address storage-service signs presigned
 * URLs for, and the public address auth-service mails, in compose and in Kubernetes alike, so the page can move
 * files and nothing else is allowed.
 */
class WebClientConnectOriginsTest {

    private static final Compose PRODUCTION = Compose.production();
    private static final String K8S = "deploy/k8s/base";

    @Test
    void composeGivesTheGatewayStoragesPublicS3AddressAndThePublicUrl() {
        Map<String, Object> gateway = PRODUCTION.environment("api-gateway");

        assertThat(gateway.get("SC_STORAGE_PUBLIC_ORIGINS"))
                .isEqualTo(PRODUCTION.environment("storage-service").get("SC_S3_PUBLIC_ENDPOINT"));
        assertThat(gateway.get("SC_PUBLIC_URL")).isEqualTo(PRODUCTION.environment("auth-service").get("SC_PUBLIC_URL"));
    }

    @Test
    void kubernetesGivesTheGatewayTheSameConfigMapKeysAsStorageAndAuth() {
        assertThat(configMapKey("api-gateway", "SC_STORAGE_PUBLIC_ORIGINS"))
                .isEqualTo(configMapKey("storage-service", "SC_S3_PUBLIC_ENDPOINT")).isEqualTo("s3-public-endpoint");
        assertThat(configMapKey("api-gateway", "SC_PUBLIC_URL")).isEqualTo(configMapKey("auth-service", "SC_PUBLIC_URL"));
    }

    @Test
    void theLauncherPassesItsLocalS3ToTheGateway() {
        String launcher = Repo.read("secureconnect");

        assertThat(launcher).contains("export SC_STORAGE_PUBLIC_ORIGINS=", "http://127.0.0.1:$(s3_port)", "SC_S3_PORT=$(s3_port)");
    }

    private static Object configMapKey(String service, String variable) {
        List<Map<String, Object>> manifests = Repo.yamlDocuments(Repo.path(K8S + "/" + service + ".yaml"));
        Map<String, Object> deployment = manifests.stream().filter(d -> "Deployment".equals(d.get("kind"))).findFirst().orElseThrow();
        Map<String, Object> container = Yamls.maps(Yamls.at(deployment, "spec", "template", "spec"), "containers").getFirst();
        Map<String, Object> entry = Yamls.maps(container, "env").stream()
                .filter(e -> variable.equals(e.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError(service + " does not set " + variable));
        return Yamls.at(entry, "valueFrom", "configMapKeyRef", "key");
    }
}
