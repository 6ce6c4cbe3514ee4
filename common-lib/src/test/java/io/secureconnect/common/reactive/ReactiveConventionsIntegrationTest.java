package io.secureconnect.common.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.secureconnect.testsupport.jwt.TestTokens;
import io.secureconnect.testsupport.jwt.WithTestJwks;
import io.secureconnect.testsupport.redis.WithRedis;

import io.secureconnect.common.security.RevokedSessions;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The error, request-id and token contract on the WebFlux side, which the gateway is built on. */
@WithRedis
@WithTestJwks
@SpringBootTest(classes = ReactiveTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.main.web-application-type=reactive", "spring.application.name=reactive-test"})
class ReactiveConventionsIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String token = TestTokens.accessToken(UUID.randomUUID());

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Test
    void malformedJsonIsABadRequestProblem() throws Exception {
        assertProblem(send(authorized("/api/v1/greetings").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{bad")).build()), 400, "MALFORMED_REQUEST");
    }

    @Test
    void wrongContentTypeIsUnsupportedMediaType() throws Exception {
        assertProblem(send(authorized("/api/v1/greetings").header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString("hi")).build()), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void unknownRouteIsNotFoundAndMissingTokenUnauthorized() throws Exception {
        assertProblem(send(authorized("/api/v1/nothing").GET().build()), 404, "NOT_FOUND");
        assertProblem(send(request("/api/v1/nothing").GET().build()), 401, "UNAUTHENTICATED");
    }

    @Test
    void unexpectedFailureIs500WithoutInternals() throws Exception {
        HttpResponse<String> response = send(authorized("/api/v1/boom").GET().build());

        assertProblem(response, 500, "INTERNAL_ERROR");
        assertThat(response.body()).doesNotContain("secret", "IllegalStateException");
    }

    @Test
    void webSocketHandshakeMayCarryTheTokenInTheQuery() throws Exception {
        HttpResponse<String> withToken = send(request("/ws/anything?access_token=" + token).GET().build());
        HttpResponse<String> withoutToken = send(request("/ws/anything").GET().build());

        assertThat(withToken.statusCode()).isEqualTo(404); // authenticated, then no such endpoint
        assertProblem(withoutToken, 401, "UNAUTHENTICATED");
    }

    /**
     * A session marked as auth-service marks it, with no announcement heard: refused once the edge's copy of the
     * revoked sessions has read the mark (it reads every half second), though the token was accepted just before.
     */
    @Test
    void tokensOfRevokedSessionsAreRefusedAtTheEdge() throws Exception {
        UUID session = UUID.randomUUID();
        String revoked = TestTokens.forUser(UUID.randomUUID()).sessionId(session).mint();
        assertThat(send(request("/api/v1/nothing").header("Authorization", "Bearer " + revoked).GET().build())
                .statusCode()).as("accepted (and remembered) before the revocation").isEqualTo(404);

        RevokedSessions.mark(redis, List.of(session.toString()), Duration.ofMinutes(1), System.currentTimeMillis());

        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).until(() ->
                send(request("/api/v1/nothing").header("Authorization", "Bearer " + revoked).GET().build()).statusCode(),
                status -> status == 401);
        assertProblem(send(request("/api/v1/nothing").header("Authorization", "Bearer " + revoked).GET().build()),
                401, "UNAUTHENTICATED");
        assertProblem(send(request("/api/v1/nothing").header("Authorization", "Bearer "
                + TestTokens.forUser(UUID.randomUUID()).without("sid").mint()).GET().build()), 401, "UNAUTHENTICATED");
    }

    @Test
    void requestIdIsKeptOrReplaced() throws Exception {
        assertThat(send(authorized("/api/v1/nothing").header("X-Request-ID", "abc-1").GET().build())
                .headers().allValues("X-Request-ID")).containsExactly("abc-1");
        assertThat(send(authorized("/api/v1/nothing").header("X-Request-ID", "bad id with spaces").GET().build())
                .headers().firstValue("X-Request-ID").orElseThrow()).doesNotContain(" ");
    }

    private JsonNode assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("code").asString()).isEqualTo(code);
        assertThat(problem.get("requestId").asString()).isEqualTo(response.headers().firstValue("X-Request-ID").orElseThrow());
        return problem;
    }

    private HttpRequest.Builder authorized(String path) {
        return request(path).header("Authorization", "Bearer " + token);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, BodyHandlers.ofString());
    }
}
