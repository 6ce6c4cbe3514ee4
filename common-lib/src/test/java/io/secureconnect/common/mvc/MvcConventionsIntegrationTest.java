package io.secureconnect.common.mvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;

import io.secureconnect.testsupport.jwt.TestTokens;
import io.secureconnect.testsupport.jwt.WithTestJwks;
import io.secureconnect.testsupport.postgres.WithPostgres;
import io.secureconnect.testsupport.redis.WithRedis;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every MVC service does for its clients through common-lib alone: errors as problem+json with a code and the
 * request id, zero-trust authentication with audited denials, the shared metrics, probes, and logs without secrets.
 * Real Tomcat, PostgreSQL and Redis.
 */
@WithPostgres
@WithRedis
@WithTestJwks
@SpringBootTest(classes = MvcTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "secureconnect.web.max-body-size=2KB")
class MvcConventionsIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String token = TestTokens.accessToken(UUID.randomUUID());

    @LocalServerPort
    int port;

    @Value("${secureconnect.logging.dir}")
    Path logDir;

    @Test
    void malformedJsonIsABadRequestProblem() throws Exception {
        HttpResponse<String> response = send(post("/api/v1/greetings", "{bad", "application/json"));

        assertProblem(response, 400, "MALFORMED_REQUEST");
        assertThat(response.body()).doesNotContain("Unexpected character", "JsonParse", "tools.jackson");
    }

    @Test
    void wrongTypeForAFieldIsABadRequestProblem() throws Exception {
        HttpResponse<String> response = send(post("/api/v1/greetings", "{\"name\":\"ann\",\"times\":\"many\"}", "application/json"));

        assertProblem(response, 400, "MALFORMED_REQUEST");
    }

    @Test
    void invalidFieldsAreListed() throws Exception {
        HttpResponse<String> response = send(post("/api/v1/greetings", "{\"name\":\"\",\"times\":1}", "application/json"));

        JsonNode problem = assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("name");
    }

    @Test
    void wrongContentTypeIsUnsupportedMediaType() throws Exception {
        HttpResponse<String> response = send(post("/api/v1/greetings", "name=ann", "text/plain"));

        assertProblem(response, 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    /** Issue 19: a binary body sent as a form was a 500 (the form filter read it before the handler). */
    @Test
    void aBinaryBodySentAsAFormIsABadRequestProblem() throws Exception {
        byte[] binary = new byte[512];
        new java.util.Random(19).nextBytes(binary);
        HttpResponse<String> response = send(authorized("/api/v1/greetings")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.ofByteArray(binary)).build());

        assertProblem(response, 400, "MALFORMED_REQUEST");
    }

    /** Issue 19: bytes that are not UTF-8, nesting deeper than any body of ours, numbers beyond any type are 400s. */
    @Test
    void unreadableJsonOfEveryKindIsABadRequestProblem() throws Exception {
        byte[] notUtf8 = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        String deep = "{\"name\":" + "[".repeat(900) + "]".repeat(900) + "}";
        String huge = "{\"name\":\"ann\",\"times\":" + "9".repeat(400) + "}";
        String duplicated = "{\"name\":\"ann\",\"name\":\"bob\",\"times\":1}";

        assertProblem(send(authorized("/api/v1/greetings").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofByteArray(notUtf8)).build()), 400, "MALFORMED_REQUEST");
        assertProblem(send(post("/api/v1/greetings", deep, "application/json")), 400, "MALFORMED_REQUEST");
        assertProblem(send(post("/api/v1/greetings", huge, "application/json")), 400, "MALFORMED_REQUEST");
        assertThat(send(post("/api/v1/greetings", duplicated, "application/json")).statusCode()).isLessThan(500);
    }

    @Test
    void oversizeBodyIsRefusedWith413() throws Exception {
        String big = "{\"name\":\"" + "x".repeat(4096) + "\",\"times\":1}";

        assertProblem(send(post("/api/v1/greetings", big, "application/json")), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void oversizeChunkedBodyIsRefusedWith413() throws Exception {
        byte[] big = ("{\"name\":\"" + "x".repeat(4096) + "\",\"times\":1}").getBytes();
        HttpRequest request = authorized("/api/v1/greetings")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))) // no length: chunked
                .build();

        assertProblem(send(request), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void unknownRouteIsNotFound() throws Exception {
        assertProblem(send(authorized("/api/v1/nothing-here").GET().build()), 404, "NOT_FOUND");
    }

    @Test
    void wrongMethodIsMethodNotAllowed() throws Exception {
        assertProblem(send(authorized("/api/v1/greetings").DELETE().build()), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void serviceErrorsCarryTheirCode() throws Exception {
        JsonNode problem = assertProblem(send(authorized("/api/v1/missing").GET().build()), 404, "NOT_FOUND");

        assertThat(problem.get("detail").asString()).isEqualTo("There is no such thing.");
    }

    @Test
    void unexpectedFailureIs500WithoutInternals() throws Exception {
        HttpResponse<String> response = send(authorized("/api/v1/boom").GET().build());

        assertProblem(response, 500, "INTERNAL_ERROR");
        assertThat(response.body()).doesNotContain("secret", "IllegalStateException", "jdbc", "at io.");
    }

    @Test
    void missingTokenIsUnauthorizedAndAudited() throws Exception {
        double before = metric("audit_events_total{action=\"http.access\",result=\"denied\"");

        HttpResponse<String> response = send(request("/api/v1/items/7").GET().build());

        assertProblem(response, 401, "UNAUTHENTICATED");
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(metric("audit_events_total{action=\"http.access\",result=\"denied\"")).isEqualTo(before + 1);
        String requestId = response.headers().firstValue("X-Request-ID").orElseThrow();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(Files.readString(logDir.resolve("test-service-audit.log")))
                        .contains("\"request_id\":\"" + requestId + "\"", "\"result\":\"denied\""));
    }

    @Test
    void expiredOrForeignTokensAreUnauthorized() throws Exception {
        UUID user = UUID.randomUUID();
        assertProblem(send(request("/api/v1/items/7").header("Authorization", "Bearer " + TestTokens.expiredAccessToken(user))
                .GET().build()), 401, "UNAUTHENTICATED");
        assertProblem(send(request("/api/v1/items/7").header("Authorization", "Bearer " + TestTokens.accessTokenSignedByUnknownKey(user))
                .GET().build()), 401, "UNAUTHENTICATED");
        assertProblem(send(request("/api/v1/items/7").header("Authorization", "Bearer "
                + TestTokens.forUser(user).audience("someone-else").mint()).GET().build()), 401, "UNAUTHENTICATED");
    }

    @Test
    void forbiddenActionIs403AndAudited() throws Exception {
        double before = metric("audit_events_total{action=\"http.access\",result=\"denied\"");

        assertProblem(send(authorized("/api/v1/forbidden").GET().build()), 403, "FORBIDDEN");

        assertThat(metric("audit_events_total{action=\"http.access\",result=\"denied\"")).isEqualTo(before + 1);
    }

    @Test
    void validTokenReachesTheHandlerWhichUsesPostgres() throws Exception {
        HttpResponse<String> response = send(authorized("/api/v1/items/42").GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("id").asLong()).isEqualTo(42);
    }

    @Test
    void saneRequestIdIsKeptAndInsaneOneReplaced() throws Exception {
        HttpResponse<String> kept = send(authorized("/api/v1/items/1").header("X-Request-ID", "client-abc.123").GET().build());
        HttpResponse<String> replaced = send(authorized("/api/v1/items/1").header("X-Request-ID", "a".repeat(300)).GET().build());
        HttpResponse<String> generated = send(authorized("/api/v1/items/1").GET().build());

        assertThat(kept.headers().firstValue("X-Request-ID")).contains("client-abc.123");
        assertThat(replaced.headers().firstValue("X-Request-ID").orElseThrow()).hasSizeLessThan(64).doesNotContain("aaaa");
        assertThat(generated.headers().firstValue("X-Request-ID").orElseThrow()).matches("[0-9a-f-]{36}");
    }

    @Test
    void metricsUseTheFixedNamesAndRouteTemplates() throws Exception {
        send(authorized("/api/v1/items/99").GET().build());
        send(authorized("/api/v1/items/100").GET().build());

        String metrics = send(request("/metrics").GET().build()).body();

        assertThat(metrics).contains(
                "http_requests_total{method=\"GET\",route=\"/api/v1/items/{id}\",service=\"test-service\",status=\"200\"}",
                "http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/v1/items/{id}\"",
                "http_requests_in_flight", "db_connections_active", "db_connections_idle",
                "db_query_duration_seconds_count{operation=\"select\"", "redis_degraded_mode{service=\"test-service\"}",
                "redis_connections");
        assertThat(metrics).doesNotContain("route=\"/api/v1/items/99\"");
        assertThat(metrics).as("the latency SLO's 300 ms boundary is a bucket of its own")
                .containsPattern("http_request_duration_seconds_bucket\\{[^}]*route=\"/api/v1/items/\\{id}\"[^}]*le=\"0\\.3\"");
        // the revocation lookup of each authorized request (the guard's PINGs have a connection of their own)
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(send(request("/metrics").GET().build()).body()).contains("redis_commands_total{command=\"EXISTS\""));
    }

    @Test
    void probesAnswerWithoutToken() throws Exception {
        HttpResponse<String> readiness = send(request("/health/readiness").GET().build());

        assertThat(readiness.statusCode()).isEqualTo(200);
        // a shared database or Redis outage must not take every instance out of rotation (docs/operations.md)
        assertThat(readiness.body()).contains("readinessState").doesNotContain("redis", "\"db\"");
        assertThat(send(request("/health/liveness").GET().build()).body()).contains("UP").doesNotContain("redis", "db");
        HttpResponse<String> health = send(request("/health").GET().build());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"db\"");
    }

    @Test
    void tokensNeverReachTheLogFiles() throws Exception {
        String headerToken = TestTokens.accessToken(UUID.randomUUID());
        String queryToken = TestTokens.accessToken(UUID.randomUUID());
        String marker = UUID.randomUUID().toString();

        HttpResponse<String> response = send(request("/api/v1/careless?access_token=" + queryToken + "&marker=" + marker)
                .header("Authorization", "Bearer " + headerToken).GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(allLogs()).contains(marker));
        String logs = allLogs();
        assertThat(logs).doesNotContain(headerToken, queryToken, headerToken.substring(headerToken.lastIndexOf('.') + 1));
        assertThat(logs).contains("access_token=****");
    }

    @Test
    void logLinesCarryTheTraceIdOfTheCallersTraceparent() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String marker = UUID.randomUUID().toString();

        send(request("/api/v1/careless?marker=" + marker).header("Authorization", "Bearer " + TestTokens.accessToken(UUID.randomUUID()))
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").GET().build());

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(allLogs()).contains(marker));
        assertThat(allLogs().lines().filter(line -> line.contains(marker)))
                .isNotEmpty().allSatisfy(line -> assertThat(line).contains("\"trace_id\":\"" + traceId + "\"")
                        .doesNotContain("\"span_id\":\"00f067aa0ba902b7\""));
    }

    private String allLogs() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(logDir)) {
            // the current files only: a run across midnight also finds yesterday's, rolled over and gzipped
            for (Path file : files.filter(file -> file.toString().endsWith(".log")).toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }

    private double metric(String prefix) throws Exception {
        String metrics = send(request("/metrics").GET().build()).body();
        return metrics.lines().filter(line -> line.startsWith(prefix.substring(0, prefix.indexOf('{')))
                        && line.contains(prefix.substring(prefix.indexOf('{') + 1)))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private JsonNode assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("code").asString()).isEqualTo(code);
        assertThat(problem.get("requestId").asString())
                .isEqualTo(response.headers().firstValue("X-Request-ID").orElseThrow());
        assertThat(response.body()).doesNotContain("\"trace\"", "Exception");
        return problem;
    }

    private HttpRequest post(String path, String body, String contentType) {
        return authorized(path).header("Content-Type", contentType).POST(BodyPublishers.ofString(body)).build();
    }

    private HttpRequest.Builder authorized(String path) {
        return request(path).header("Authorization", "Bearer " + token);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, BodyHandlers.ofString());
    }
}
