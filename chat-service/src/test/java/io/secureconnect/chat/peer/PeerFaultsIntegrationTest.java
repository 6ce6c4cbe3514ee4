package io.secureconnect.chat.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.chat.support.ChatApi;
import io.secureconnect.chat.support.ChatServiceTest;
import io.secureconnect.chat.support.PeerStub;
import io.secureconnect.common.id.Ids;
import io.secureconnect.testsupport.peer.FaultyPeer;
import io.secureconnect.testsupport.peer.FaultyPeer.Fault;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * When auth- or storage-service answers badly (JSON that does not parse, a member missing, a 500, an empty 200,
 * nothing at all), what needed the answer is refused with {@code PEER_UNAVAILABLE}, never allowed: a direct
 * conversation (block check), a group (relations), an attachment (share). The breakers are set not to open here, so
 * that each kind of bad answer is what refuses.
 */
@ChatServiceTest
class PeerFaultsIntegrationTest {

    private static final FaultyPeer faulty = FaultyPeer.start();

    @DynamicPropertySource
    static void faultyPeers(DynamicPropertyRegistry properties) {
        properties.add("secureconnect.chat.auth-url", faulty::url);
        properties.add("secureconnect.chat.storage-url", faulty::url);
        properties.add("secureconnect.security.session-status-uri", PeerStub.shared()::sessionStatusUrl);
        properties.add("resilience4j.circuitbreaker.instances.auth.minimum-number-of-calls", () -> "1000");
        properties.add("resilience4j.circuitbreaker.instances.storage.minimum-number-of-calls", () -> "1000");
    }

    @LocalServerPort
    int port;

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aBadBlockCheckRefusesTheDirectConversation(Fault fault) {
        ChatApi ann = user();
        faulty.answer(fault);

        var refused = ann.post("/api/v1/conversations", Map.of("type", "direct", "memberIds", List.of(Ids.newId())));

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.code()).isEqualTo("PEER_UNAVAILABLE");
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aBadRelationsAnswerRefusesTheGroup(Fault fault) {
        ChatApi ann = user();
        faulty.answer(fault);

        var refused = ann.post("/api/v1/conversations", Map.of("type", "group", "name", "Refused",
                "memberIds", List.of(Ids.newId())));

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.code()).isEqualTo("PEER_UNAVAILABLE");
    }

    @Test
    void aRelationWithoutItsBlockedMemberRefusesTheGroupRatherThanReadingNoBlock() {
        ChatApi ann = user();
        UUID other = Ids.newId();
        faulty.answer(200, "{\"items\":[{\"userId\":\"" + other + "\",\"contact\":true}]}");

        var refused = ann.post("/api/v1/conversations", Map.of("type", "group", "name", "Refused",
                "memberIds", List.of(other)));

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.code()).isEqualTo("PEER_UNAVAILABLE");
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aBadShareAnswerRefusesTheAttachment(Fault fault) {
        ChatApi ann = user();
        UUID other = Ids.newId();
        faulty.answer(200, "{\"blocked\":false}");
        UUID direct = ann.createDirect(other);
        faulty.answer(fault);

        var refused = ann.post("/api/v1/conversations/" + direct + "/messages", Map.of("clientId", "a1",
                "type", "attachment", "attachments", List.of(Ids.newId())));

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.code()).isEqualTo("PEER_UNAVAILABLE");
        assertThat(ann.history(direct)).isEmpty();
    }

    @Test
    void theRequestIdTraceAndCallersTokenReachThePeer() throws Exception {
        ChatApi ann = user();
        faulty.answer(200, "{\"blocked\":true}");
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/conversations"))
                .header("Authorization", "Bearer " + ann.token()).header("Content-Type", "application/json")
                .header("X-Request-ID", "peer-test-1").header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"direct\",\"memberIds\":[\"" + Ids.newId() + "\"]}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).as("the peer said blocked").isEqualTo(403);
        FaultyPeer.Request asked = faulty.requests().getLast();
        assertThat(asked.authorization()).isEqualTo("Bearer " + ann.token());
        assertThat(asked.requestId()).isEqualTo("peer-test-1");
        assertThat(asked.traceparent()).contains(traceId);
    }

    private ChatApi user() {
        return new ChatApi(port, Ids.newId());
    }
}
