package io.secureconnect.testsupport.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import io.secureconnect.testsupport.jwt.TestTokens;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every SecureConnect service answers the same way, checked over real HTTP against the booted service:
 * probes, the common metric names, zero-trust authentication and problem+json errors. A service's boot test
 * extends this and adds what is its own (its tables, its routes).
 */
public abstract class ServiceConventionsContract {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    @Test
    void probesAreUpWithoutAToken() throws Exception {
        assertThat(get("/health/liveness", null).statusCode()).isEqualTo(200);
        HttpResponse<String> readiness = get("/health/readiness", null);
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void metricsUseTheCommonNames() throws Exception {
        get("/health", null);

        String metrics = get("/metrics", null).body();

        assertThat(metrics).contains("http_requests_total{", "http_request_duration_seconds_bucket{",
                "http_requests_in_flight", "redis_degraded_mode", "db_connections_active", "db_connections_idle",
                "db_query_duration_seconds", "db_query_errors_total", "redis_errors_total");
    }

    @Test
    void apiRoutesRefuseMissingTokensWithAProblem() throws Exception {
        HttpResponse<String> response = get("/api/v1/contract-probe", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"code\":\"UNAUTHENTICATED\"",
                "\"requestId\":\"" + response.headers().firstValue("X-Request-ID").orElseThrow() + "\"");
    }

    @Test
    void unknownRoutesAreNotFoundProblems() throws Exception {
        HttpResponse<String> response = get("/api/v1/contract-probe", validAccessToken());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"code\":\"NOT_FOUND\"");
    }

    @Test
    void tokensOfRevokedSessionsAreRefused() throws Exception {
        UUID session = UUID.randomUUID();
        try (var client = io.lettuce.core.RedisClient.create(redisUrl); var connection = client.connect()) {
            connection.sync().setex("sc:revoked-session:" + session, 60, "1"); // as auth-service marks a logout
        }

        HttpResponse<String> response = get("/api/v1/contract-probe", accessTokenOfSession(session));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    /**
     * The public description (issue 23): every operation has a summary, a method name, a tag, its security and its
     * problem responses, and it is the copy committed under docs/openapi/ that the lint and the client are made from.
     */
    @Test
    void openApiDescriptionFollowsTheContractAndIsTheCommittedOne() throws Exception {
        HttpResponse<String> response = get("/v3/api-docs", null);
        assertThat(response.statusCode()).isEqualTo(200);
        tools.jackson.databind.JsonNode spec = tools.jackson.databind.json.JsonMapper.shared().readTree(response.body());

        String difference = OpenApiContract.differenceFromCommittedCopy(spec, applicationName);
        assertThat(OpenApiContract.violations(spec)).isEmpty();
        assertThat(difference).isNull();
    }

    @org.springframework.beans.factory.annotation.Value("${spring.application.name}")
    private String applicationName;

    @org.springframework.beans.factory.annotation.Value("${spring.data.redis.url}")
    private String redisUrl;

    /** A token of the given session; services that sign their own tokens override it. */
    protected String accessTokenOfSession(UUID sessionId) {
        return TestTokens.forUser(UUID.randomUUID()).sessionId(sessionId).mint();
    }

    /** A token this service accepts; services that sign their own tokens override it. */
    protected String validAccessToken() {
        return TestTokens.accessToken(UUID.randomUUID());
    }

    protected HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
