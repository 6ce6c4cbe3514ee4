package io.secureconnect.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.testsupport.jwt.TestTokens;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * What operators rely on (ARCHITECTURE §4, §7): the fixed metric names on every service, JSON log lines that
 * carry the request id, an audit event for every refused request.
 */
@SystemTest
class ObservabilityIT {

    private static final List<String> COMMON_METRICS = List.of("http_requests_total", "http_request_duration_seconds",
            "http_requests_in_flight", "redis_degraded_mode", "audit_events_total");
    private static final List<String> DATABASE_METRICS = List.of("db_connections_active", "db_connections_idle");
    private static final List<String> LOG_FIELDS = List.of("@timestamp", "level", "service", "logger", "message");

    private final SecureConnectSystem system;

    ObservabilityIT(SecureConnectSystem system) {
        this.system = system;
    }

    @Test
    void eachServiceExposesTheCommonMetrics() {
        // given: every service has served (and audited) a refused request, so its request meters exist
        for (var service : Service.values()) {
            Api.get(system.service(service, "/api/v1/conversations")).requestId("sys-metrics-" + UUID.randomUUID())
                    .send();
        }

        // when / then
        var softly = new SoftAssertions();
        for (var service : Service.values()) {
            var expected = new ArrayList<>(COMMON_METRICS);
            if (service.ownsDatabase()) {
                expected.addAll(DATABASE_METRICS);
            }
            var reply = Api.get(system.service(service, "/metrics")).send();
            softly.assertThat(reply.status()).as("%s /metrics", service).isEqualTo(200);
            if (reply.status() == 200) {
                softly.assertThat(PrometheusText.parse(reply.body()).families()).as("%s /metrics", service)
                        .containsAll(expected);
            }
        }
        softly.assertAll();
    }

    @Test
    void logLinesAreJsonCarryingTheRequestId() {
        // given
        var requestId = "sys-log-" + UUID.randomUUID();

        // when
        Api.get(system.gateway("/api/v1/conversations/system-test-probe/no/such/path"))
                .bearer(TestTokens.accessToken(UUID.randomUUID())).requestId(requestId).send();

        // then: chat-service logged the request under the client's id
        var logs = system.logs();
        var lines = await("chat-service log lines with request_id " + requestId).atMost(Duration.ofSeconds(10))
                .until(() -> logs.entriesWithRequestId(Service.CHAT.logFile(), requestId), found -> !found.isEmpty());
        assertThat(lines).allSatisfy(line -> assertThat(line.text("service")).isEqualTo("chat-service"));
        // and: every line of every log file (audit files too) is one JSON object with the common fields
        var softly = new SoftAssertions();
        for (var service : Service.values()) {
            softly.assertThat(logs.lines(service.logFile())).as(service.logFile()).isNotEmpty();
        }
        for (var file : logs.allFiles()) {
            logs.entries(file.getFileName().toString()).forEach(entry -> LOG_FIELDS.forEach(field ->
                    softly.assertThat(entry.json().has(field)).as("%s has %s", entry, field).isTrue()));
        }
        softly.assertAll();
    }

    @Test
    void deniedRequestIsAudited() {
        // given
        var atTheEdge = "sys-audit-edge-" + UUID.randomUUID();
        var atTheService = "sys-audit-chat-" + UUID.randomUUID();
        var expiredToken = TestTokens.expiredAccessToken(UUID.randomUUID());

        // when: no token at the gateway, and an expired token straight at chat-service (zero trust: it checks too)
        var edgeReply = Api.get(system.gateway("/api/v1/conversations")).requestId(atTheEdge).send();
        var serviceReply = Api.get(system.service(Service.CHAT, "/api/v1/conversations"))
                .bearer(expiredToken).requestId(atTheService).send();

        // then
        assertThat(edgeReply.status()).as(edgeReply.toString()).isEqualTo(401);
        assertThat(serviceReply.status()).as(serviceReply.toString()).isEqualTo(401);
        assertThat(serviceReply.member("code")).isEqualTo("UNAUTHENTICATED");
        assertDeniedAccessAudited(Service.GATEWAY, atTheEdge);
        assertDeniedAccessAudited(Service.CHAT, atTheService);
        var metrics = PrometheusText.parse(Api.get(system.service(Service.CHAT, "/metrics")).send().body());
        assertThat(metrics.sum("audit_events_total", Map.of("action", "http.access", "result", "denied")))
                .isPositive();
    }

    private void assertDeniedAccessAudited(Service service, String requestId) {
        var logs = system.logs();
        await("a denied http.access event with request_id " + requestId + " in " + service.auditLogFile())
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(logs.entriesWithRequestId(service.auditLogFile(), requestId))
                        .anySatisfy(event -> {
                            assertThat(event.text("action")).isEqualTo("http.access");
                            assertThat(event.text("result")).isEqualTo("denied");
                        }));
    }

    @Test
    void oneRequestHasOneTraceIdAtTheGatewayAndAtTheService() {
        // given
        var requestId = "sys-trace-" + UUID.randomUUID();

        // when: a request passes the gateway to chat-service
        Api.get(system.gateway("/api/v1/conversations/system-test-probe/no/such/path"))
                .bearer(TestTokens.accessToken(UUID.randomUUID())).requestId(requestId).send();

        // then: the gateway's access log line and chat-service's lines carry the same trace_id
        var logs = system.logs();
        var atGateway = await("the gateway's access log line for " + requestId).atMost(Duration.ofSeconds(10))
                .until(() -> logs.entriesWithRequestId(Service.GATEWAY.logFile(), requestId).stream()
                        .filter(line -> line.text("trace_id") != null).toList(), found -> !found.isEmpty());
        var atChat = await("chat-service log lines for " + requestId).atMost(Duration.ofSeconds(10))
                .until(() -> logs.entriesWithRequestId(Service.CHAT.logFile(), requestId), found -> !found.isEmpty());
        String traceId = atGateway.getFirst().text("trace_id");
        assertThat(traceId).matches("[0-9a-f]{32}");
        assertThat(atChat).allSatisfy(line -> assertThat(line.text("trace_id")).isEqualTo(traceId));
    }
}
