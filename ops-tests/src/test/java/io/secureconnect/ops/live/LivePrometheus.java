package io.secureconnect.ops.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import io.secureconnect.ops.Repo;
import io.secureconnect.ops.Yamls;
import io.secureconnect.testsupport.process.ServiceProcess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Debian's Prometheus binary, started on a free port with a configuration generated from
 * configs/prometheus/prometheus.yml: the service jobs point at the given addresses (everything else, exporters and
 * monitoring components, is left out), scrapes and rule evaluation run every second, and every alert's {@code for}
 * is shortened so a test sees alerts fire within seconds. The rule files are the repository's, otherwise unchanged.
 */
public final class LivePrometheus implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> RULE_FILES = List.of("recording.yml", "alerts.yml", "slo.yml");

    private final ServiceProcess process;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LivePrometheus(ServiceProcess process) {
        this.process = process;
        this.base = process.uri("");
    }

    /**
     * @param targets       service name (job) to host:port, e.g. {@code "auth-service" -> "127.0.0.1:41234"}
     * @param work          an empty directory for the configuration and the TSDB
     * @param alertFor      replaces every alert's {@code for} (e.g. 3 s), so ServiceDown fires quickly
     */
    public static LivePrometheus start(Map<String, String> targets, Path work, Duration alertFor) throws IOException {
        Map<String, Object> config = Repo.yaml("configs/prometheus/prometheus.yml");
        Map<String, Object> global = Yamls.map(config, "global");
        global.put("scrape_interval", "1s");
        global.put("scrape_timeout", "1s");
        global.put("evaluation_interval", "1s");
        config.remove("alerting");
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (Map<String, Object> job : Yamls.maps(config, "scrape_configs")) {
            String address = targets.get(Yamls.string(job, "job_name"));
            if (address != null) {
                job.put("scrape_interval", "1s");
                job.put("scrape_timeout", "1s");
                Map<String, Object> staticConfig = Yamls.maps(job, "static_configs").getFirst();
                staticConfig.put("targets", List.of(address));
                jobs.add(job);
            }
        }
        if (jobs.size() != targets.size()) {
            throw new IllegalArgumentException("prometheus.yml has no job for some of " + targets.keySet());
        }
        config.put("scrape_configs", jobs);
        Files.writeString(work.resolve("prometheus.yml"), yaml().dump(config));
        for (String file : RULE_FILES) {
            Map<String, Object> rules = Repo.yaml("configs/prometheus/" + file);
            for (Map<String, Object> group : Yamls.maps(rules, "groups")) {
                group.put("interval", "1s");
                for (Map<String, Object> rule : Yamls.maps(group, "rules")) {
                    if (rule.containsKey("alert") && rule.containsKey("for")) {
                        rule.put("for", alertFor.toSeconds() + "s");
                    }
                }
            }
            Files.writeString(work.resolve(file), yaml().dump(rules));
        }
        int port = freePort();
        ServiceProcess process = ServiceProcess.builder("prometheus", List.of("prometheus",
                        "--config.file=" + work.resolve("prometheus.yml"),
                        "--storage.tsdb.path=" + work.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port,
                        "--log.level=warn"))
                .port(port).readinessPath("/-/ready").output(work.resolve("prometheus.log")).start();
        try {
            process.awaitReady(Duration.ofSeconds(60));
        } catch (RuntimeException notReady) {
            process.kill();
            throw notReady;
        }
        return new LivePrometheus(process);
    }

    /** Active targets: job to health ("up", "down", "unknown"). */
    public Map<String, String> targetHealth() {
        Map<String, String> health = new LinkedHashMap<>();
        for (JsonNode target : get("/api/v1/targets").path("data").path("activeTargets")) {
            health.put(target.path("labels").path("job").asString(), target.path("health").asString());
        }
        return health;
    }

    /** Evaluates an instant query; returns the result vector, or throws with Prometheus' error. */
    public JsonNode query(String promql) {
        JsonNode response = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        if (!"success".equals(response.path("status").asString())) {
            throw new IllegalStateException(promql + ": " + response.path("error").asString());
        }
        return response.path("data").path("result");
    }

    /** Firing alerts as (alertname, labels). */
    public List<JsonNode> firingAlerts() {
        List<JsonNode> firing = new ArrayList<>();
        for (JsonNode alert : get("/api/v1/alerts").path("data").path("alerts")) {
            if ("firing".equals(alert.path("state").asString())) {
                firing.add(alert);
            }
        }
        return firing;
    }

    /** Rule groups as Prometheus loaded them, with each rule's health and last error. */
    public JsonNode rules() {
        return get("/api/v1/rules").path("data").path("groups");
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(10));
    }

    private JsonNode get(String pathAndQuery) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
