package io.secureconnect.ops.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The trace check, for system-tests to adopt; NOT run by ./mvnw verify (needs the running system with
 * tracing on). A request through the gateway must leave log lines with the same trace_id in the gateway's and the
 * downstream service's log file. Needs: the OpenTelemetry starter in common-lib (so traceId/spanId reach the MDC and
 * traceparent is propagated by the gateway's HTTP client), and at least one log line per request on both sides
 * with the request_id in the MDC (an access log line, or the problem detail logged for a 4xx). Run by hand:
 * <pre>
 * ./mvnw -o verify -pl ops-tests -Dtest=TraceCorrelationCheck -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dlive.gateway=127.0.0.1:8080 -Dlive.logs=.secureconnect/logs
 * </pre>
 */
class TraceCorrelationCheck {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void oneRequestHasOneTraceIdInTheGatewayAndTheService() throws Exception {
        String gateway = System.getProperty("live.gateway", "127.0.0.1:8080");
        Path logs = Path.of(System.getProperty("live.logs", ".secureconnect/logs"));
        String requestId = UUID.randomUUID().toString();

        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://" + gateway + "/api/v1/auth/login"))
                        .header("Content-Type", "application/json").header("X-Request-ID", requestId)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"nobody@example.com\",\"password\":\"wrong password 1\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("X-Request-ID")).contains(requestId);

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Set<String> gatewayTraces = Set.of();
        Set<String> authTraces = Set.of();
        while (System.nanoTime() < deadline && (gatewayTraces.isEmpty() || authTraces.isEmpty())) {
            gatewayTraces = traceIds(logs.resolve("api-gateway.log"), requestId);
            authTraces = traceIds(logs.resolve("auth-service.log"), requestId);
            Thread.sleep(250); // log files are written asynchronously
        }
        assertThat(gatewayTraces).as("trace ids of request %s in the gateway's log", requestId).hasSize(1);
        assertThat(authTraces).as("trace ids of request %s in auth-service's log", requestId).isEqualTo(gatewayTraces);
    }

    private static Set<String> traceIds(Path file, String requestId) throws IOException {
        Set<String> traceIds = new TreeSet<>();
        if (!Files.exists(file)) {
            return traceIds;
        }
        try (var lines = Files.lines(file)) {
            lines.filter(l -> l.contains(requestId)).forEach(l -> {
                JsonNode line = JSON.readTree(l);
                if (requestId.equals(line.path("request_id").asString()) && !line.path("trace_id").asString().isEmpty()) {
                    traceIds.add(line.path("trace_id").asString());
                }
            });
        }
        return traceIds;
    }
}
