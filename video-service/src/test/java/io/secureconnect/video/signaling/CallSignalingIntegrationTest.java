package io.secureconnect.video.signaling;

import static io.secureconnect.video.support.CallSockets.awaitParticipants;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.testsupport.jwt.TestTokens;
import io.secureconnect.testsupport.websocket.TestSocket;
import io.secureconnect.video.support.CallSockets;
import io.secureconnect.video.support.VideoIntegrationTest;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Joining a call over {@code /ws/calls} and relaying SDP and ICE between its participants. */
class CallSignalingIntegrationTest extends VideoIntegrationTest {

    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private final UUID carol = UUID.randomUUID();
    private final UUID mallory = UUID.randomUUID();

    @Test
    void inAThreePartyCallOffersAnswersAndCandidatesReachExactlyTheAddressedPeer() throws Exception {
        UUID callId = callIdIn(peers.conversation(alice, bob, carol), alice);
        try (TestSocket a = join(callId, alice); TestSocket b = join(callId, bob); TestSocket c = join(callId, carol)) {
            awaitParticipants(a, alice, bob, carol);
            awaitParticipants(b, alice, bob, carol);
            awaitParticipants(c, alice, bob, carol);

            a.send(signal(bob, Map.of("type", "offer", "sdp", "v=0 alice-to-bob")));
            JsonNode offer = b.next("signal");
            b.send(signal(alice, Map.of("type", "answer", "sdp", "v=0 bob-to-alice")));
            JsonNode answer = a.next("signal");
            a.send(signal(carol, Map.of("candidate", Map.of("candidate", "candidate:1 1 udp 1 127.0.0.1 5000 typ host",
                    "sdpMid", "0", "sdpMLineIndex", 0))));
            JsonNode candidate = c.next("signal");

            assertThat(offer.path("from").asString()).isEqualTo(alice.toString());
            assertThat(offer.path("data").path("sdp").asString()).isEqualTo("v=0 alice-to-bob");
            assertThat(answer.path("from").asString()).isEqualTo(bob.toString());
            assertThat(answer.path("data").path("type").asString()).isEqualTo("answer");
            assertThat(candidate.path("from").asString()).isEqualTo(alice.toString());
            assertThat(candidate.path("data").path("candidate").path("sdpMid").asString()).isEqualTo("0");
            a.ping();
            b.ping();
            c.ping();
            assertThat(signalsIn(a)).hasSize(1);
            assertThat(signalsIn(b)).hasSize(1);
            assertThat(signalsIn(c)).hasSize(1);
        }
        assertThat(call(callId, alice).path("state").asString()).isIn("active", "ended");
    }

    @Test
    void aNonMemberCannotJoinAndTheRefusalIsAudited() throws Exception {
        UUID callId = callIdIn(peers.conversation(alice, bob), alice);

        try (TestSocket intruder = CallSockets.connect(port, callId, token(mallory))) {
            JsonNode error = intruder.next();

            assertThat(error.path("type").asString()).isEqualTo("error");
            assertThat(error.path("code").asString()).isEqualTo("NOT_A_PARTICIPANT");
            assertThat(intruder.awaitClose()).isEqualTo(4403);
        }
        assertThat(audit.has("call.join", AuditResult.DENIED, mallory, "not_member")).isTrue();
        assertThat(send("GET", "/api/v1/calls/" + callId, mallory, null).statusCode()).isEqualTo(404);
    }

    @Test
    void anAdHocCallAdmitsOnlyItsInvitees() throws Exception {
        var created = send("POST", "/api/v1/calls", alice,
                "{\"inviteeIds\":[\"" + bob + "\"],\"media\":\"audio\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        UUID callId = UUID.fromString(JSON.readTree(created.body()).path("id").asString());

        try (TestSocket b = join(callId, bob); TestSocket intruder = CallSockets.connect(port, callId, token(carol))) {
            assertThat(intruder.next().path("code").asString()).isEqualTo("NOT_A_PARTICIPANT");
            assertThat(intruder.awaitClose()).isEqualTo(4403);
            b.ping();
        }
    }

    @Test
    void aSecondConnectionOfTheSameUserReplacesTheFirst() throws Exception {
        UUID callId = callIdIn(peers.conversation(alice, bob), alice);
        try (TestSocket b = join(callId, bob); TestSocket first = join(callId, alice)) {
            awaitParticipants(b, alice, bob);

            try (TestSocket second = join(callId, alice)) {
                JsonNode replaced = first.next("error");
                assertThat(replaced.path("code").asString()).isEqualTo("REPLACED");
                assertThat(first.awaitClose()).isEqualTo(4409);

                JsonNode participants = awaitParticipants(second, alice, bob);
                assertThat(participants.path("participants")).hasSize(2);
                b.send(signal(alice, Map.of("type", "offer", "sdp", "v=0")));
                assertThat(second.next("signal").path("from").asString()).isEqualTo(bob.toString());
            }
        }
    }

    @Test
    void anEndedCallAnswersCallEndedAndAnUnknownOneCallNotFound() throws Exception {
        UUID callId = callIdIn(peers.conversation(alice, bob), alice);
        try (TestSocket a = join(callId, alice); TestSocket b = join(callId, bob)) {
            assertThat(send("POST", "/api/v1/calls/" + callId + "/end", bob, null).statusCode()).isEqualTo(204);

            assertThat(a.next("ended").path("reason").asString()).isEqualTo("hung_up");
            assertThat(a.awaitClose()).isEqualTo(4410);
            assertThat(b.awaitClose()).isEqualTo(4410);
        }

        try (TestSocket late = CallSockets.connect(port, callId, token(alice));
             TestSocket lost = CallSockets.connect(port, UUID.randomUUID(), token(alice))) {
            assertThat(late.next().path("code").asString()).isEqualTo("CALL_ENDED");
            assertThat(late.awaitClose()).isEqualTo(4410);
            assertThat(lost.next().path("code").asString()).isEqualTo("CALL_NOT_FOUND");
            assertThat(lost.awaitClose()).isEqualTo(4404);
        }
        JsonNode ended = call(callId, alice);
        assertThat(ended.path("state").asString()).isEqualTo("ended");
        assertThat(ended.path("endReason").asString()).isEqualTo("hung_up");
        assertThat(ended.path("endedAt").isNull()).isFalse();
    }

    @Test
    void theTokenMayComeInTheQueryAndTheSocketClosesWith4401WhenItExpires() throws Exception {
        UUID callId = callIdIn(peers.conversation(alice, bob), alice);
        String shortLived = TestTokens.forUser(bob).lifetime(Duration.ofSeconds(2)).mint();

        try (TestSocket b = CallSockets.connectWithTokenInQuery(port, callId, shortLived)) {
            assertThat(b.next().path("type").asString()).isEqualTo("ready");

            assertThat(b.next("error").path("code").asString()).isEqualTo("TOKEN_EXPIRED");
            assertThat(b.awaitClose()).isEqualTo(4401);
        }
    }

    private static java.util.List<JsonNode> signalsIn(TestSocket socket) {
        return socket.received().stream().filter(f -> "signal".equals(f.path("type").asString())).toList();
    }
}
