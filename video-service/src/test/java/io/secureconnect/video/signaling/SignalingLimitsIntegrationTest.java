package io.secureconnect.video.signaling;

import static io.secureconnect.video.support.CallSockets.awaitParticipants;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.secureconnect.testsupport.websocket.TestSocket;
import io.secureconnect.video.support.CallSockets;
import io.secureconnect.video.support.VideoIntegrationTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/** The participant limit under concurrent joins, expired calls, and clients that send what they should not. */
class SignalingLimitsIntegrationTest extends VideoIntegrationTest {

    @Autowired
    StringRedisTemplate redis;

    @Test
    void exactlyTheLimitOfParticipantsGetInWhenEightJoinAtOnce() throws Exception {
        UUID[] members = new UUID[8];
        for (int i = 0; i < members.length; i++) {
            members[i] = UUID.randomUUID();
        }
        UUID callId = callIdIn(peers.conversation(members), members[0]);

        List<TestSocket> sockets = new ArrayList<>();
        List<String> firstFrames = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<TestSocket>> joins = new ArrayList<>();
            for (UUID member : members) {
                joins.add(executor.submit((Callable<TestSocket>) () -> CallSockets.connect(port, callId, token(member))));
            }
            for (Future<TestSocket> join : joins) {
                TestSocket socket = join.get();
                sockets.add(socket);
                JsonNode first = socket.next();
                firstFrames.add(first.path("type").asString() + ":" + first.path("code").asString());
            }
        }

        assertThat(firstFrames).filteredOn(f -> f.startsWith("ready")).hasSize(4);
        assertThat(firstFrames).filteredOn(f -> f.equals("error:CALL_FULL")).hasSize(4);
        for (TestSocket socket : sockets) {
            if (socket.received().getFirst().path("type").asString().equals("error")) {
                assertThat(socket.awaitClose()).isEqualTo(4403);
            }
            socket.close();
        }
    }

    @Test
    void aCallWhoseLiveStateExpiredAnswersCallEnded() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID callId = callIdIn(peers.conversation(alice, UUID.randomUUID()), alice);
        redis.delete("sc:video:call:" + callId); // as the 24 h TTL would

        try (TestSocket late = CallSockets.connect(port, callId, token(alice))) {
            assertThat(late.next().path("code").asString()).isEqualTo("CALL_ENDED");
            assertThat(late.awaitClose()).isEqualTo(4410);
        }
        JsonNode call = call(callId, alice);
        assertThat(call.path("state").asString()).isEqualTo("ended");
        assertThat(call.path("endReason").asString()).isEqualTo("expired");
    }

    @Test
    void malformedFramesGetErrorEventsOversizeAndFloodsCloseAndOtherCallsCarryOn() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID carol = UUID.randomUUID();
        UUID dave = UUID.randomUUID();
        UUID noisyCall = callIdIn(peers.conversation(alice, bob), alice);
        UUID quietCall = callIdIn(peers.conversation(carol, dave), carol);
        try (TestSocket a = join(noisyCall, alice); TestSocket b = join(noisyCall, bob);
             TestSocket c = join(quietCall, carol); TestSocket d = join(quietCall, dave)) {
            awaitParticipants(a, alice, bob);

            assertThat(errorFor(a, "this is not json")).isEqualTo("MALFORMED_FRAME");
            assertThat(errorFor(a, "[1,2,3]")).isEqualTo("MALFORMED_FRAME");
            assertThat(errorFor(a, "{\"type\":42}")).isEqualTo("MALFORMED_FRAME");
            assertThat(errorFor(a, "{\"type\":\"dance\"}")).isEqualTo("UNKNOWN_TYPE");
            assertThat(errorFor(a, signal(bob, Map.of("type", "offer", "sdp", 42)))).isEqualTo("INVALID_SIGNAL");
            assertThat(errorFor(a, signal(bob, Map.of("type", "bogus", "sdp", "v=0")))).isEqualTo("INVALID_SIGNAL");
            assertThat(errorFor(a, signal(bob, Map.of("candidate", 7)))).isEqualTo("INVALID_SIGNAL");
            assertThat(errorFor(a, "{\"type\":\"signal\",\"to\":\"" + bob + "\",\"data\":\"v=0\"}")).isEqualTo("INVALID_SIGNAL");
            assertThat(errorFor(a, "{\"type\":\"signal\",\"to\":\"nobody\",\"data\":{}}")).isEqualTo("INVALID_SIGNAL");
            assertThat(errorFor(a, signal(alice, Map.of("type", "offer", "sdp", "v=0")))).isEqualTo("INVALID_SIGNAL");
            assertThat(errorFor(a, signal(carol, Map.of("type", "offer", "sdp", "v=0")))).isEqualTo("PEER_NOT_FOUND");
            a.send(signal(bob, Map.of("type", "offer", "sdp", "v=0 still fine")));
            assertThat(b.next("signal").path("data").path("sdp").asString()).isEqualTo("v=0 still fine");

            a.send("{\"type\":\"signal\",\"pad\":\"" + "x".repeat(70_000) + "\"}");
            assertThat(a.awaitClose()).isEqualTo(1009);

            flood(b);
            assertThat(b.next("error").path("code").asString()).isEqualTo("RATE_LIMITED");
            assertThat(b.awaitClose()).isEqualTo(4429);

            c.send(signal(dave, Map.of("type", "offer", "sdp", "v=0 unaffected")));
            assertThat(d.next("signal").path("data").path("sdp").asString()).isEqualTo("v=0 unaffected");
        }
    }

    private static String errorFor(TestSocket socket, String frame) {
        socket.send(frame);
        return socket.next("error").path("code").asString();
    }

    private static void flood(TestSocket socket) {
        for (int i = 0; i < 2_000 && !socket.isClosed(); i++) {
            try {
                socket.send("{\"type\":\"ping\"}");
            } catch (RuntimeException closedUnderUs) {
                return;
            }
        }
    }
}
