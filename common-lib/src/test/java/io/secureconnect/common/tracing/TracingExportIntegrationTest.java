package io.secureconnect.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.secureconnect.common.mvc.MvcTestApplication;
import io.secureconnect.testsupport.jwt.TestTokens;
import io.secureconnect.testsupport.jwt.WithTestJwks;
import io.secureconnect.testsupport.otlp.OtlpTraceReceiver;
import io.secureconnect.testsupport.otlp.ReceivedSpan;
import io.secureconnect.testsupport.postgres.WithPostgres;
import io.secureconnect.testsupport.redis.WithRedis;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service built from common-lib alone, exporting to a real OTLP/HTTP receiver: each request is one server span in
 * the caller's trace (or a new one), the log lines of the request name that span, and probes, scrapes, Spring
 * Security's filters and Redis commands add no spans of their own.
 */
@WithPostgres
@WithRedis
@WithTestJwks
@SpringBootTest(classes = MvcTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.tracing.sampling.probability=1.0",
                "management.opentelemetry.tracing.export.schedule-delay=200ms"})
class TracingExportIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final OtlpTraceReceiver RECEIVER = OtlpTraceReceiver.start();

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Value("${secureconnect.logging.dir}")
    Path logDir;

    @DynamicPropertySource
    static void exportToTheReceiver(DynamicPropertyRegistry registry) {
        registry.add("management.opentelemetry.tracing.export.otlp.endpoint", RECEIVER::endpoint);
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Test
    void aRequestIsOneServerSpanInTheCallersTraceAndItsLogLinesNameThatSpan() throws Exception {
        String traceId = randomHex(32);
        String callersSpan = randomHex(16);
        String marker = UUID.randomUUID().toString();

        get("/api/v1/careless?marker=" + marker, Map.of("traceparent", "00-" + traceId + "-" + callersSpan + "-01"));

        List<ReceivedSpan> trace = await("the service's span of trace " + traceId).atMost(Duration.ofSeconds(10))
                .until(() -> RECEIVER.spansOfTrace(traceId), spans -> !spans.isEmpty());
        assertThat(trace).as("no spans for Spring Security's filters or Redis commands").singleElement()
                .satisfies(span -> {
                    assertThat(span.service()).isEqualTo("test-service");
                    assertThat(span.isServer()).as(span.toString()).isTrue();
                    assertThat(span.parentSpanId()).isEqualTo(callersSpan);
                    assertThat(span.attributes()).containsEntry("uri", "/api/v1/careless")
                            .containsEntry("status", "200");
                });
        List<JsonNode> lines = logLinesWith(marker);
        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            assertThat(line.path("trace_id").asString()).isEqualTo(traceId);
            assertThat(line.path("span_id").asString()).isEqualTo(trace.getFirst().spanId());
        });
    }

    @Test
    void aRequestWithoutTraceparentStartsTheTraceItsLogLinesName() throws Exception {
        String marker = UUID.randomUUID().toString();

        get("/api/v1/careless?marker=" + marker, Map.of());

        List<JsonNode> lines = logLinesWith(marker);
        String traceId = lines.getFirst().path("trace_id").asString();
        assertThat(traceId).matches("[0-9a-f]{32}");
        List<ReceivedSpan> trace = await("the span of trace " + traceId).atMost(Duration.ofSeconds(10))
                .until(() -> RECEIVER.spansOfTrace(traceId), spans -> !spans.isEmpty());
        assertThat(trace).singleElement().satisfies(span -> {
            assertThat(span.isRoot()).as(span.toString()).isTrue();
            assertThat(span.isServer()).isTrue();
            assertThat(span.spanId()).isEqualTo(lines.getFirst().path("span_id").asString());
        });
    }

    @Test
    void probesAndScrapesAreNotTraced() throws Exception {
        // given: a probe and a scrape, then a request that is traced
        get("/health/liveness", Map.of());
        get("/metrics", Map.of());
        String marker = UUID.randomUUID().toString();
        get("/api/v1/careless?marker=" + marker, Map.of());
        String traceId = logLinesWith(marker).getFirst().path("trace_id").asString();

        // when: the traced request's span has arrived (spans are exported in the order they end)
        await().atMost(Duration.ofSeconds(10)).until(() -> !RECEIVER.spansOfTrace(traceId).isEmpty());

        // then
        assertThat(RECEIVER.spans()).extracting(span -> span.attributes().get("uri"))
                .doesNotContain("/health/liveness", "/metrics", "/health/{*path}");
        assertThat(RECEIVER.spans()).allSatisfy(span -> assertThat(span.attributes().getOrDefault("http.url", ""))
                .doesNotStartWith("/health").doesNotStartWith("/metrics"));
    }

    private void get(String path, Map<String, String> headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TestTokens.accessToken(UUID.randomUUID()));
        headers.forEach(request::header);
        http.send(request.GET().build(), BodyHandlers.discarding());
    }

    private List<JsonNode> logLinesWith(String marker) {
        return await("log lines with " + marker).atMost(Duration.ofSeconds(5)).until(() -> {
            try (Stream<Path> files = Files.list(logDir)) {
                return files.filter(Files::isRegularFile).flatMap(TracingExportIntegrationTest::lines)
                        .filter(line -> line.contains(marker)).map(JSON::readTree).toList();
            }
        }, lines -> !lines.isEmpty());
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static String randomHex(int digits) {
        return UUID.randomUUID().toString().replace("-", "").repeat(2).substring(0, digits);
    }
}
