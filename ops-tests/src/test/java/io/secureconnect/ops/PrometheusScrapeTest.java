package io.secureconnect.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import io.secureconnect.ops.live.LivePrometheus;
import tools.jackson.databind.JsonNode;

/**
 * The real Prometheus (Debian's binary) on the repository's scrape configuration and rules, scraping five small
 * HTTP servers that answer /metrics the way the services do (a `service` label on every series). Proves what
 * promtool cannot: the services' own `service` label survives the job's target label, `up` carries the same
 * `service`, and ServiceDown fires for exactly the service that stopped answering.
 */
class PrometheusScrapeTest {

    @TempDir
    static Path work;
    static final Map<String, HttpServer> SERVICES = new LinkedHashMap<>();
    static LivePrometheus prometheus;

    @BeforeAll
    static void startServicesAndPrometheus() throws IOException {
        Map<String, String> targets = new LinkedHashMap<>();
        for (String service : ServiceConfig.SERVICES) {
            HttpServer server = metricsEndpoint(service);
            SERVICES.put(service, server);
            targets.put(service, "127.0.0.1:" + server.getAddress().getPort());
        }
        prometheus = LivePrometheus.start(targets, work, Duration.ofSeconds(2));
    }

    @AfterAll
    static void stopAll() {
        if (prometheus != null) {
            prometheus.close();
        }
        SERVICES.values().forEach(server -> server.stop(0));
    }

    @Test
    void servicesKeepTheirServiceLabelAndServiceDownFiresForTheOneThatStops() {
        await("every target up", () -> {
            Map<String, String> health = prometheus.targetHealth();
            return health.keySet().containsAll(ServiceConfig.SERVICES) && health.values().stream().allMatch("up"::equals);
        });
        await("samples scraped", () -> prometheus.query("http_requests_total").size() == ServiceConfig.SERVICES.size());

        for (JsonNode series : prometheus.query("http_requests_total")) {
            JsonNode labels = series.path("metric");
            assertThat(labels.path("service").asString()).isEqualTo(labels.path("job").asString());
            assertThat(labels.has("exported_service")).as("service label renamed: %s", labels).isFalse();
        }
        for (JsonNode series : prometheus.query("up")) {
            assertThat(series.path("metric").path("service").asString()).isEqualTo(series.path("metric").path("job").asString());
        }

        SERVICES.get("chat-service").stop(0);

        await("ServiceDown for chat-service", () -> firing("ServiceDown").equals(List.of("chat-service")));
        assertThat(prometheus.query("ALERTS{alertname=\"ServiceDown\", alertstate=\"firing\"}")).singleElement()
                .satisfies(alert -> assertThat(alert.path("metric").path("severity").asString()).isEqualTo("critical"));
    }

    private static List<String> firing(String alertname) {
        List<String> services = new ArrayList<>();
        for (JsonNode alert : prometheus.firingAlerts()) {
            if (alert.path("labels").path("alertname").asString().equals(alertname)) {
                services.add(alert.path("labels").path("service").asString());
            }
        }
        return services;
    }

    /** GET /metrics answering like a SecureConnect service: every series labelled with the service name. */
    private static HttpServer metricsEndpoint(String service) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicLong requests = new AtomicLong();
        server.createContext("/metrics", exchange -> {
            String body = """
                    # TYPE http_requests_total counter
                    http_requests_total{method="GET",route="/api/v1/example",service="%s",status="200"} %d
                    # TYPE redis_degraded_mode gauge
                    redis_degraded_mode{service="%s"} 0
                    """.formatted(service, requests.addAndGet(3), service);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return server;
    }

    private static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(condition::getAsBoolean);
    }
}
