package io.secureconnect.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.secureconnect.testsupport.fuzz.FuzzedRoute;
import io.secureconnect.testsupport.fuzz.MutatedJson;
import io.secureconnect.testsupport.websocket.TestSocket;
import io.secureconnect.video.support.VideoIntegrationTest;

import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.spring.JqwikSpringSupport;

import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 18's fuzz pass on video-service: whatever body a client posts to a JSON route, the answer is a 4xx problem
 * with a code, never a 5xx; whatever frame a participant sends on {@code /ws/calls}, it gets an error frame or the
 * close the protocol names for its own socket ({@code leave} 1000, a bad {@code auth} 4401, an oversized frame
 * 1009), and the other participant stays connected and still receives signals.
 */
@JqwikSpringSupport
@TestPropertySource(properties = {
        // the fuzzed frames are not a flood: the budget is not what this test is about
        "secureconnect.video.signaling.frames-per-second=100000", "secureconnect.video.signaling.burst=100000"})
class FuzzIntegrationTest extends VideoIntegrationTest {

    private static final Set<Integer> OWN_CLOSES = Set.of(1000, 1009, 4401);
    private static final Duration ANSWER = Duration.ofSeconds(10);

    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private UUID callId;
    private TestSocket a;
    private TestSocket b;
    private List<FuzzedRoute> routes;

    // a fixed seed (one that passed) keeps the build deterministic; to explore, change it and run the class: what a
    // new seed finds becomes an @Example here
    @Property(tries = 100, seed = "-5243727961554919437", afterFailure = AfterFailureMode.SAMPLE_FIRST)
    void everyJsonRouteAnswersAnyBodyWithoutAServerError(@ForAll("bodies") List<String> bodies) {
        List<FuzzedRoute> routes = routes();
        for (int i = 0; i < routes.size(); i++) {
            routes.get(i).assertHandled(port, bodies.get(i));
        }
    }

    @Provide
    Arbitrary<List<String>> bodies() {
        return FuzzedRoute.oneBodyEach(routes());
    }

    private List<FuzzedRoute> routes() {
        if (routes == null) {
            routes = List.of(new FuzzedRoute("POST", "/api/v1/calls", token(alice),
                    Map.of("conversationId", peers.conversation(alice, bob).toString(), "media", "video")));
        }
        return routes;
    }

    // a fixed seed (one that passed) keeps the build deterministic; to explore, change it and run the class: what a
    // new seed finds becomes an @Example here
    @Property(tries = 200, seed = "-7617659006039169415", afterFailure = AfterFailureMode.SAMPLE_FIRST)
    void anyFrameOfOneParticipantLeavesTheOtherConnectedAndReachable(@ForAll("frames") String frame) {
        connected();

        sendQuietly(a, frame);
        answeredOrClosed(a);

        assertThat(b.isClosed()).as("the other participant's socket after %s", FuzzedRoute.abbreviated(frame)).isFalse();
        assertSignalReaches(b, bob);
    }

    /** Found by the property in CI: an unpaired surrogate relayed in a signal closed the receiver's socket. */
    @Example
    void aSignalWithTextThatIsNotWellFormedIsRefusedAndNotRelayed() {
        connected();

        a.send("{\"type\":\"signal\",\"to\":\"" + bob + "\",\"data\":{\"type\":\"offer\",\"sdp\":\"\\ud800\"}}");

        assertThat(a.next("error").path("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(b.isClosed()).isFalse();
        assertSignalReaches(b, bob);
    }

    @Provide
    Arbitrary<String> frames() {
        Map<String, Object> offer = Map.of("type", "offer", "sdp", "v=0 fuzz");
        return Arbitraries.oneOf(List.of(
                MutatedJson.keeping(Map.of("type", "signal", "to", bob.toString(), "data", offer), "type"),
                MutatedJson.keeping(Map.of("type", "signal", "to", bob.toString(),
                        "data", Map.of("candidate", Map.of("candidate", "candidate:1 1 udp 1 127.0.0.1 5000 typ host",
                                "sdpMid", "0", "sdpMLineIndex", 0))), "type"),
                MutatedJson.keeping(Map.of("type", "state", "audio", true, "video", false, "screen", false), "type"),
                MutatedJson.keeping(Map.of("type", "speaking"), "type"),
                MutatedJson.keeping(Map.of("type", "leave"), "type"),
                MutatedJson.keeping(Map.of("type", "auth", "token", token(alice)), "type"),
                MutatedJson.keeping(Map.of("type", "ping"), "type"),
                MutatedJson.of(Map.of("type", "ping"))));
    }

    @AfterProperty
    void hangUp() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    /** Alice and Bob in one call, Alice (re)joining whenever her last frame closed her socket. */
    private void connected() {
        if (callId == null) {
            try {
                callId = callIdIn(peers.conversation(alice, bob), alice);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        if (b == null) {
            b = join(callId, bob);
        }
        if (a == null || a.isClosed()) {
            a = join(callId, alice);
        }
    }

    /**
     * Waits until the server has answered everything the socket sent (a ping's pong) and returns null, or returns the
     * close code if the server closed it instead, after checking that no answer on the way was an internal error.
     */
    private Integer answeredOrClosed(TestSocket socket) {
        String ref = UUID.randomUUID().toString();
        sendQuietly(socket, "{\"type\":\"ping\",\"ref\":\"" + ref + "\"}");
        long deadline = System.nanoTime() + ANSWER.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode frame = socket.poll(Duration.ofMillis(50));
            if (frame != null) {
                assertThat(frame.path("code").asString("")).as(frame.toString()).isNotEqualTo("INTERNAL_ERROR");
                if (frame.path("type").asString().equals("pong")) {
                    return null;
                }
            } else if (socket.isClosed()) {
                int code = socket.awaitClose();
                assertThat(code).as("the sender's own close").isIn(OWN_CLOSES);
                return code;
            }
        }
        throw new AssertionError("neither a pong nor a close within " + ANSWER + "; seen " + socket.received());
    }

    /**
     * Alice signals Bob, and Bob gets exactly that signal. If Alice's socket turns out to be closing (her last frame
     * was a {@code leave} whose close overtook the ping's answer), she rejoins and signals again.
     */
    private void assertSignalReaches(TestSocket receiver, UUID receiverId) {
        String nonce = UUID.randomUUID().toString();
        String probe = signal(receiverId, Map.of("type", "offer", "sdp", "v=0 " + nonce));
        connected();
        TestSocket sender = a;
        sendQuietly(sender, probe);
        long deadline = System.nanoTime() + ANSWER.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode frame = receiver.poll(Duration.ofMillis(50));
            if (frame != null && frame.path("data").path("sdp").asString("").endsWith(nonce)) {
                return;
            }
            assertThat(receiver.isClosed()).as("the receiver's socket").isFalse();
            if (sender.isClosed()) {
                connected();
                sender = a;
                sendQuietly(sender, probe);
            }
        }
        throw new AssertionError("the signal did not reach " + receiverId + "; seen " + receiver.received());
    }

    private static void sendQuietly(TestSocket socket, String frame) {
        try {
            socket.send(frame);
        } catch (RuntimeException e) {
            // the server closed the socket (an oversized frame): the close code tells what happened
        }
    }
}
