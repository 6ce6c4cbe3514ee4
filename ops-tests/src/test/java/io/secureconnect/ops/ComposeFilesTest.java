package io.secureconnect.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * docker-compose.production.yml and docker-compose.monitoring.yml against each other and against what the services
 * really read: the log volume (the original deployment's log shipper watched a directory nobody wrote), ports,
 * health checks, environment variable names, pinned images and the settings .env.example must provide.
 */
class ComposeFilesTest {

    private static final Compose PRODUCTION = Compose.production();
    private static final Compose MONITORING = Compose.monitoring();

    @Test
    void bothFilesDeclareTheirServices() {
        assertThat(PRODUCTION.services()).containsKeys("postgres", "redis", "minio", "minio-init", "coturn", "backup");
        assertThat(PRODUCTION.services()).containsKeys(ServiceConfig.SERVICES.toArray(String[]::new));
        assertThat(MONITORING.services()).containsKeys("prometheus", "alertmanager", "grafana", "loki", "alloy", "tempo",
                "postgres-exporter", "redis-exporter");
    }

    @Test
    void everyServiceWritesItsLogsOnTheSharedVolumeWhereAlloyReadsThem() {
        String logDirectory = ServiceConfig.defaultLogDirectory();
        for (String service : ServiceConfig.SERVICES) {
            assertThat(PRODUCTION.mountPoint(service, "app_logs")).as("%s mounts app_logs", service).isEqualTo(logDirectory);
            assertThat(PRODUCTION.environment(service).get("SC_LOG_DIR")).as("%s SC_LOG_DIR", service)
                    .isIn(null, logDirectory);
        }
        assertThat(Repo.read("deploy/docker/Dockerfile")).contains("SC_LOG_DIR=" + logDirectory);

        // the monitoring project mounts the very same Docker volume, not a host directory
        assertThat(Yamls.at(MONITORING.root(), "volumes", "app_logs", "external")).isEqualTo(true);
        assertThat(MONITORING.volumeName("app_logs")).isEqualTo(PRODUCTION.volumeName("app_logs"));
        assertThat(MONITORING.volumes("alloy")).contains("app_logs:" + logDirectory + ":ro");

        String alloy = Repo.read("configs/alloy/config.alloy");
        Matcher glob = Pattern.compile("\"__path__\"\\s*=\\s*\"([^\"]+)\"").matcher(alloy);
        assertThat(glob.find()).as("Alloy path target").isTrue();
        PathMatcher tailed = FileSystems.getDefault().getPathMatcher("glob:" + glob.group(1));
        for (String service : ServiceConfig.SERVICES) {
            for (String file : ServiceConfig.logFilesOf(service)) {
                assertThat(tailed.matches(Path.of(logDirectory, file))).as("Alloy tails %s", file).isTrue();
            }
        }
        String alloyConfig = MONITORING.mountPoint("alloy", "./configs/alloy/config.alloy");
        assertThat(Yamls.list(MONITORING.service("alloy"), "command")).contains(alloyConfig);
    }

    @Test
    void portsAndHealthChecksAgreeWithTheServices() {
        for (ServiceConfig service : ServiceConfig.all()) {
            Map<String, Object> compose = PRODUCTION.service(service.name());
            Map<String, Object> buildArgs = Yamls.map(Yamls.map(compose, "build"), "args");
            assertThat(buildArgs).containsEntry("MODULE", service.name());
            assertThat(buildArgs.get("PORT")).asString().isEqualTo(Integer.toString(service.port()));
            assertThat(Yamls.list(compose, "expose")).asString().contains(Integer.toString(service.port()));
            assertThat(PRODUCTION.environment(service.name())).doesNotContainKey("SERVER_PORT");
            assertThat(Yamls.list(Yamls.map(compose, "healthcheck"), "test")).containsExactly("CMD", "healthcheck",
                    "/health/readiness");
        }
        assertThat(Yamls.list(PRODUCTION.service("api-gateway"), "ports")).singleElement().asString().endsWith(":8080");
        assertThat(Repo.read("deploy/docker/Dockerfile")).contains("ENV SERVER_PORT=${PORT}",
                "CMD [\"healthcheck\", \"/health/readiness\"]");
    }

    /** Every http://service:port or ws://service:port in any environment uses that service's real port. */
    @Test
    void serviceAddressesUseTheServicesPorts() {
        Map<String, Integer> ports = new HashMap<>();
        ServiceConfig.all().forEach(s -> ports.put(s.name(), s.port()));
        Pattern address = Pattern.compile("(?:https?|wss?)://([a-z-]+):(\\d+)");
        for (Compose compose : List.of(PRODUCTION, MONITORING)) {
            for (String service : compose.services().keySet()) {
                compose.environment(service).forEach((name, value) -> {
                    Matcher m = address.matcher(String.valueOf(value));
                    while (m.find()) {
                        if (ports.containsKey(m.group(1))) {
                            assertThat(Integer.parseInt(m.group(2))).as("%s %s", service, name).isEqualTo(ports.get(m.group(1)));
                        }
                    }
                });
            }
        }
        assertThat(PRODUCTION.environment("api-gateway")).containsKeys("SC_AUTH_URL", "SC_CHAT_URL", "SC_CHAT_WS_URL",
                "SC_VIDEO_URL", "SC_VIDEO_WS_URL", "SC_STORAGE_URL");
    }

    /** The gateway serves /metrics to Prometheus' fixed address only, inside the network's fixed subnet. */
    @Test
    void onlyPrometheusReadsTheGatewaysMetrics() {
        Object address = Yamls.at(MONITORING.service("prometheus"), "networks", "secureconnect", "ipv4_address");
        assertThat(PRODUCTION.environment("api-gateway")).containsEntry("SC_METRICS_ALLOWED_NETWORKS", address + "/32");
        List<Map<String, Object>> subnets = Yamls.maps(Yamls.at(PRODUCTION.root(), "networks", "secureconnect", "ipam"), "config");
        String subnet = Yamls.string(subnets.getFirst(), "subnet");
        assertThat(subnet).isEqualTo("172.28.0.0/16");
        assertThat(address.toString()).startsWith("172.28.");
    }

    /** S11: a TURN relay reaches the public internet only, never this host or a private, shared or link-local network. */
    @Test
    void coturnRelaysToNoPrivateOrLocalAddress() {
        List<String> command = Yamls.list(PRODUCTION.service("coturn"), "command").stream().map(String::valueOf).toList();
        assertThat(command).contains("--no-tcp-relay", "--no-multicast-peers");
        assertThat(command).filteredOn(option -> option.startsWith("--denied-peer-ip="))
                .extracting(option -> option.substring("--denied-peer-ip=".length()))
                .contains("0.0.0.0-0.255.255.255", "10.0.0.0-10.255.255.255", "100.64.0.0-100.127.255.255",
                        "127.0.0.0-127.255.255.255", "169.254.0.0-169.254.255.255", "172.16.0.0-172.31.255.255",
                        "192.168.0.0-192.168.255.255", "198.18.0.0-198.19.255.255", "::1",
                        "fc00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fe80::-febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    }

    /** S15: storage-service signs presigned URLs as a MinIO user allowed on its bucket only, never as the root. */
    @Test
    void storageUsesABucketScopedMinioUser() {
        Map<String, Object> storage = PRODUCTION.environment("storage-service");
        assertThat(String.valueOf(storage.get("SC_S3_ACCESS_KEY"))).contains("STORAGE_S3_ACCESS_KEY")
                .doesNotContain("MINIO_ROOT");
        assertThat(String.valueOf(storage.get("SC_S3_SECRET_KEY"))).contains("STORAGE_S3_SECRET_KEY")
                .doesNotContain("MINIO_ROOT");
        assertThat(String.join(" ", Yamls.list(PRODUCTION.service("minio-init"), "command").stream()
                .map(String::valueOf).toList()))
                .contains("mc admin user add local \"$$STORAGE_S3_ACCESS_KEY\"", "/config/storage-policy.json");

        var policy = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(Repo.read("configs/minio/storage-policy.json"));
        for (var statement : policy.get("Statement")) {
            for (var resource : statement.get("Resource")) {
                assertThat(resource.asString()).as("only the bucket and its objects")
                        .isIn("arn:aws:s3:::@BUCKET@", "arn:aws:s3:::@BUCKET@/*");
            }
            for (var action : statement.get("Action")) {
                assertThat(action.asString()).as("no admin or bucket-management action").doesNotContain("*")
                        .isNotIn("s3:CreateBucket", "s3:DeleteBucket", "s3:PutBucketPolicy");
            }
        }
    }

    /** The services take the client's address from X-Forwarded-For only when the gateway's fixed address sends it. */
    @Test
    void servicesBelieveForwardedClientAddressesFromTheGatewayOnly() {
        Object gateway = Yamls.at(PRODUCTION.service("api-gateway"), "networks", "secureconnect", "ipv4_address");
        assertThat(gateway.toString()).startsWith("172.28.");
        for (String service : List.of("auth-service", "chat-service", "video-service", "storage-service")) {
            Object configured = PRODUCTION.environment(service).get("SC_GATEWAY_ADDRESSES");
            assertThat(configured).as(service).isNotNull();
            String addresses = configured.toString();
            assertThat(gateway.toString()).matches(addresses);
            assertThat("172.28.255.250").as("Prometheus is not the gateway").doesNotMatch(addresses);
        }
    }

    /** The original deployment mounted the alert rules into Alertmanager and shipped logs with Promtail. */
    @Test
    void rulesGoToPrometheusAndLogsGoThroughAlloy() {
        assertThat(MONITORING.volumes("alertmanager")).noneMatch(v -> v.contains("prometheus"));
        assertThat(MONITORING.services()).doesNotContainKey("promtail");
        MONITORING.services().values().forEach(service ->
                assertThat(Yamls.string(service, "image")).doesNotContain("promtail"));
    }

    @Test
    void environmentNamesAreOnesTheServicesRead() {
        for (ServiceConfig service : ServiceConfig.all()) {
            PRODUCTION.environment(service.name()).keySet()
                    .forEach(name -> service.assertReads(name, PRODUCTION.file()));
        }
    }

    /** A default like http://127.0.0.1:8082 is right for ./secureconnect and wrong in a container. */
    @Test
    void everySettingThatDefaultsToThisMachineIsSet() {
        for (ServiceConfig service : ServiceConfig.all()) {
            assertThat(PRODUCTION.environment(service.name())).as("%s in %s", service.name(), PRODUCTION.file())
                    .containsKeys(service.localDefaults().toArray(String[]::new));
        }
    }

    @Test
    void databaseUrlsNameEachServicesOwnDatabase() {
        for (String service : List.of("auth-service", "chat-service", "video-service", "storage-service")) {
            String database = service.substring(0, service.indexOf('-'));
            assertThat(PRODUCTION.environment(service)).containsEntry("SC_DB_URL",
                    "jdbc:postgresql://postgres:5432/" + database);
            // created by roles.sql, owned by the service's own login (DatabaseRolesTest)
            assertThat(Repo.read("configs/postgres/roles.sql")).contains("\\set " + database + "_db :prefix " + database);
        }
    }

    @Test
    void imagesArePinnedToAVersion() {
        for (Compose compose : List.of(PRODUCTION, MONITORING)) {
            compose.services().forEach((name, service) -> {
                String image = Yamls.string(service, "image");
                assertThat(image).as("%s image", name).isNotNull();
                String tag = image.substring(image.lastIndexOf(':') + 1);
                assertThat(image).as("%s image", name).contains(":");
                assertThat(tag).as("%s tag", name).isNotEqualTo("latest").containsPattern("\\d");
            });
        }
    }

    @Test
    void everyVariableTheComposeFilesUseIsDocumentedInEnvExample() {
        String example = Repo.read(".env.example");
        Set<String> used = new LinkedHashSet<>();
        for (String file : List.of("docker-compose.production.yml", "docker-compose.monitoring.yml")) {
            Matcher m = Pattern.compile("(?<!\\$)\\$\\{([A-Z][A-Z0-9_]*)").matcher(Repo.read(file));
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        assertThat(used).isNotEmpty();
        for (String name : used) {
            assertThat(example).as(".env.example documents %s", name).containsPattern("(?m)^" + name + "=");
        }
        assertThat(example).doesNotContainPattern("(?m)^(POSTGRES_PASSWORD|REDIS_PASSWORD|MINIO_ROOT_PASSWORD|TURN_SECRET|GRAFANA_ADMIN_PASSWORD)=.+");
    }

    @Test
    void alertmanagerGetsEveryWebhookItsTemplateNeeds() {
        Set<String> placeholders = ServiceConfig.placeholders(Repo.read("configs/alertmanager/alertmanager.yml")
                .lines().filter(l -> !l.strip().startsWith("#")).reduce("", (a, b) -> a + b + "\n"));
        assertThat(placeholders).isNotEmpty();
        assertThat(MONITORING.environment("alertmanager")).containsKeys(placeholders.toArray(String[]::new));
    }

    @Test
    void everyMountedRepositoryFileExists() {
        for (Compose compose : List.of(PRODUCTION, MONITORING)) {
            for (String service : compose.services().keySet()) {
                for (String volume : compose.volumes(service)) {
                    if (volume.startsWith("./")) {
                        String source = volume.substring(2, volume.indexOf(':'));
                        assertThat(Repo.path(source)).as("%s mounts %s", service, source).exists();
                    }
                }
            }
        }
        assertThat(MONITORING.mountPoint("prometheus", "./configs/prometheus")).isEqualTo("/etc/prometheus");
        assertThat(Yamls.list(MONITORING.service("prometheus"), "ports")).containsExactly("9091:9090");
    }
}
