package io.secureconnect.video.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import io.secureconnect.testsupport.peer.FaultyPeer;
import io.secureconnect.testsupport.peer.FaultyPeer.Fault;
import io.secureconnect.testsupport.jwt.TestTokens;
import io.secureconnect.testsupport.jwt.WithTestJwks;
import io.secureconnect.testsupport.postgres.WithPostgres;
import io.secureconnect.testsupport.redis.WithRedis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * When chat- or auth-service answers badly (JSON that does not parse, a member missing, a 500, an empty 200, nothing
 * at all), no call is placed: a conversation call is refused with {@code CHAT_UNAVAILABLE}, an ad hoc call with
 * {@code AUTH_UNAVAILABLE}. In particular an answer without a callee's {@code blocked} member is refused, no longer
 * read as "not blocked". The breakers are set not to open here, so that each kind of bad answer is what refuses.
 */
@WithPostgres
@WithRedis
@WithTestJwks
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PeerFaultsIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final FaultyPeer chat = FaultyPeer.start();
    private static final FaultyPeer auth = FaultyPeer.start();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void faultyPeers(DynamicPropertyRegistry registry) {
        registry.add("secureconnect.video.chat-url", chat::url);
        registry.add("secureconnect.video.auth-url", auth::url);
        registry.add("resilience4j.circuitbreaker.instances.chat.minimum-number-of-calls", () -> "1000");
        registry.add("resilience4j.circuitbreaker.instances.auth.minimum-number-of-calls", () -> "1000");
        registry.add("secureconnect.security.session-status-uri", () -> auth.url() + "/internal/v1/sessions/current");
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aBadMembershipAnswerPlacesNoConversationCall(Fault fault) throws Exception {
        UUID alice = UUID.randomUUID();
        chat.answer(fault);

        var refused = send("POST", "/api/v1/calls", alice,
                "{\"conversationId\":\"" + UUID.randomUUID() + "\",\"media\":\"audio\"}");

        assertProblem(refused, 503, "CHAT_UNAVAILABLE");
        assertThat(chat.requests()).last().satisfies(asked ->
                assertThat(asked.authorization()).as("the caller's token, relayed").startsWith("Bearer ey"));
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aBadRelationsAnswerPlacesNoAdHocCall(Fault fault) throws Exception {
        UUID alice = UUID.randomUUID();
        auth.answer(fault);

        var refused = send("POST", "/api/v1/calls", alice,
                "{\"inviteeIds\":[\"" + UUID.randomUUID() + "\"],\"media\":\"audio\"}");

        assertProblem(refused, 503, "AUTH_UNAVAILABLE");
    }

    @Test
    void aCalleeWithoutABlockedAnswerIsNotRungButRefused() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        auth.answer(200, "{\"items\":[{\"userId\":\"" + bob + "\",\"contact\":true}]}");

        var refused = send("POST", "/api/v1/calls", alice, "{\"inviteeIds\":[\"" + bob + "\"],\"media\":\"audio\"}");

        assertProblem(refused, 503, "AUTH_UNAVAILABLE");
    }

    @Test
    void theRequestIdReachesThePeer() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        auth.answer(200, "{\"items\":[{\"userId\":\"" + bob + "\",\"contact\":true,\"blocked\":false}]}");

        var placed = send("POST", "/api/v1/calls", alice, "{\"inviteeIds\":[\"" + bob + "\"],\"media\":\"audio\"}");

        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        JsonNode call = JSON.readTree(placed.body());
        assertThat(call.path("participants")).extracting(p -> p.path("userId").asString()).contains(bob.toString());
        assertThat(auth.requests().getLast().requestId()).isEqualTo(placed.headers().firstValue("X-Request-ID")
                .orElseThrow());
    }

    private HttpResponse<String> send(String method, String path, UUID caller, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TestTokens.accessToken(caller))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).path("code").asString()).isEqualTo(code);
    }
}
