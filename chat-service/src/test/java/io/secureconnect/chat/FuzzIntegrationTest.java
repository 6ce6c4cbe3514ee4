package io.secureconnect.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.chat.support.ChatApi;
import io.secureconnect.chat.support.ChatIntegrationTest;
import io.secureconnect.chat.support.ChatSockets;
import io.secureconnect.common.id.Ids;
import io.secureconnect.testsupport.fuzz.FuzzedRoute;
import io.secureconnect.testsupport.fuzz.MutatedJson;
import io.secureconnect.testsupport.jwt.TestTokens;
import io.secureconnect.testsupport.websocket.TestSocket;

import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.spring.JqwikSpringSupport;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 18's fuzz pass on chat-service: whatever body a member posts to any JSON route, the answer is a 4xx problem
 * with a code, never a 5xx; whatever frame a member sends on {@code /ws/chat}, the socket answers (an error frame
 * where the frame is wrong) and stays open, unless the frame is above the size limit (1009, that socket only), and
 * another member stays connected and still receives messages.
 */
@JqwikSpringSupport
class FuzzIntegrationTest extends ChatIntegrationTest {

    private static final Duration ANSWER = Duration.ofSeconds(10);

    private final UUID aliceId = Ids.newId();
    private final UUID bobId = Ids.newId();
    private final String aliceToken = TestTokens.accessToken(aliceId);
    private final Map<String, String> ids = new LinkedHashMap<>();
    private TestSocket a;
    private TestSocket b;

    @DynamicPropertySource
    static void noFloodLimit(DynamicPropertyRegistry properties) {
        // the fuzzed frames are not a flood: the rate limit is not what this test is about
        properties.add("secureconnect.chat.websocket.frames-per-second", () -> "100000");
        properties.add("secureconnect.chat.websocket.frame-burst", () -> "100000");
        properties.add("secureconnect.chat.websocket.flood-limit", () -> "100000");
    }

    // a fixed seed (one that passed) keeps the build deterministic; to explore, change it and run the class: what a
    // new seed finds becomes an @Example here
    @Property(tries = 50, seed = "7873253198244794403", afterFailure = AfterFailureMode.SAMPLE_FIRST)
    void everyJsonRouteAnswersAnyBodyWithoutAServerError(@ForAll("bodies") List<String> bodies) {
        Map<String, String> values = ids();
        List<FuzzedRoute> routes = routes();
        for (int i = 0; i < routes.size(); i++) {
            FuzzedRoute route = routes.get(i).filledIn(values);
            route.assertHandled(port, FuzzedRoute.fill(bodies.get(i), values));
        }
    }

    @Provide
    Arbitrary<List<String>> bodies() {
        return FuzzedRoute.oneBodyEach(routes());
    }

    /** Every route of chat-service that reads a JSON body, with a valid example each. */
    private List<FuzzedRoute> routes() {
        String conversation = "/api/v1/conversations/{conversation}";
        String message = conversation + "/messages/{message}";
        String keys = "/api/v1/keys/devices/fuzz-device";
        return List.of(
                route("POST", "/api/v1/conversations",
                        Map.of("type", "group", "name", "fuzz", "memberIds", List.of(bobId.toString()), "e2ee", false)),
                route("PATCH", conversation, Map.of("name", "renamed", "messageTtlSeconds", 3600)),
                route("POST", conversation + "/members", Map.of("userIds", List.of(UUID.randomUUID().toString()))),
                route("PATCH", conversation + "/members/" + bobId, Map.of("role", "member")),
                route("POST", conversation + "/messages", Map.of("clientId", "c-1", "type", "text", "body", "hi",
                        "replyTo", "{message}", "attachments", List.of())),
                route("PATCH", message, Map.of("body", "edited")),
                route("POST", message + "/reactions", Map.of("emoji", "\ud83d\udc4d")),
                route("POST", conversation + "/read", Map.of("seq", 1, "deliveredSeq", 1)),
                route("POST", conversation + "/polls", Map.of("question", "Where?", "options", List.of("Pizza", "Sushi"),
                        "multipleChoice", false, "allowVoteChange", true, "anonymous", false,
                        "expiresAt", "2099-01-01T00:00:00Z")),
                route("POST", "/api/v1/polls/{poll}/votes", Map.of("optionIds", List.of("{option}"))),
                route("PUT", "/api/v1/notifications/preferences", Map.of("push", Map.of("message", true, "mention", false))),
                route("PUT", "/api/v1/notifications/mutes/{conversation}", Map.of("until", "2099-01-01T00:00:00Z")),
                route("POST", "/api/v1/devices", Map.of("platform", "fcm", "token", "fcm-token", "deviceId", "fuzz-device")),
                route("PUT", keys, Map.of("signatureKey", "c2lnbmF0dXJlLWtleS1vZi10aGlydHktdHdvLWJ5dGU=")),
                // an MLSMessage header (mls10, mls_key_package) and a truncated KeyPackage: the decoder's 400s
                route("POST", keys + "/key-packages", Map.of("keyPackages", List.of("AAEABQABAAE="), "lastResort", "AAEABQ==")),
                route("POST", "/api/v1/keys/key-packages/claim", Map.of("conversationId", "{conversation}",
                        "userIds", List.of(bobId.toString()), "deviceId", "fuzz-device")),
                route("POST", "/api/v1/keys/key-packages/claim", Map.of("conversationId", "{e2ee}",
                        "devices", List.of(Map.of("userId", bobId.toString(), "deviceId", "phone")),
                        "deviceId", "fuzz-device")),
                // an MLSMessage header (mls10, mls_public_message / mls_welcome) with nothing after it
                route("POST", "/api/v1/conversations/{e2ee}/mls/commits", Map.of("deviceId", "fuzz-device", "commit", "AAEAAQ==",
                        "welcome", "AAEAAw==", "ratchetTree", "AA==")));
    }

    private FuzzedRoute route(String method, String path, Map<String, ?> example) {
        return new FuzzedRoute(method, path, aliceToken, example);
    }

    @Example
    void aNulCharacterInAnyStoredTextIsAValidationErrorNotA500() {
        Map<String, String> values = ids();
        String conversation = "/api/v1/conversations/" + values.get("conversation");
        FuzzedRoute edit = route("PATCH", conversation + "/messages/" + values.get("message"), Map.of());
        FuzzedRoute rename = route("PATCH", conversation, Map.of());

        // found by the fuzz pass: PostgreSQL refuses U+0000 in text, which surfaced as a 500
        var edited = edit.send(port, "{\"body\":\"00000000-0000-0000-0000-00000000000\\u0000\"}");
        var renamed = rename.send(port, "{\"name\":\"a\\u0000b\"}");

        edit.assertHandled(edited, "NUL in a message body");
        rename.assertHandled(renamed, "NUL in a conversation name");
        assertThat(List.of(edited.statusCode(), renamed.statusCode())).containsOnly(400);
    }

    @Example
    void aNulCharacterInASentFrameIsAValidationErrorFrame() {
        Map<String, String> values = ids();
        connected();

        a.send("{\"type\":\"send\",\"conversationId\":\"" + values.get("conversation")
                + "\",\"clientId\":\"nul-1\",\"body\":\"a\\u0000b\"}");

        JsonNode error = a.next("error");
        assertThat(error.path("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(error.path("ref").asString()).isEqualTo("nul-1");
        assertMessageReaches(b, values.get("conversation"));
    }

    /** Found by the property: echoing an unpaired surrogate as {@code ref} failed the sender's socket with 1011. */
    @Example
    void aClientIdThatIsNotWellFormedTextIsRefusedWithoutEchoingIt() {
        Map<String, String> values = ids();
        connected();

        a.send("{\"type\":\"send\",\"conversationId\":\"" + values.get("conversation")
                + "\",\"clientId\":\"\\ud800\",\"body\":\"hi\"}");

        JsonNode error = a.next("error");
        assertThat(error.path("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(error.path("ref").isMissingNode() || error.path("ref").isNull()).isTrue();
        assertMessageReaches(b, values.get("conversation"));
    }

    /**
     * Issue 19: an unpaired surrogate was stored (as '?') or, in a message body, sent on to every member, whose sockets
     * it closed with 1011; NUL was a 500 in poll texts. Both are refused where the text comes in.
     */
    @Example
    void textThatCannotBeStoredIsAValidationErrorInEveryStoredField() {
        Map<String, String> values = ids();
        String conversation = "/api/v1/conversations/" + values.get("conversation");
        String message = conversation + "/messages/" + values.get("message");
        List<Map.Entry<FuzzedRoute, String>> refused = new ArrayList<>();
        for (String bad : List.of("\\ud83d", "a\\ude00b", "a\\u0000b")) {
            refused.add(Map.entry(route("POST", "/api/v1/conversations", Map.of()),
                    "{\"type\":\"group\",\"name\":\"" + bad + "\",\"memberIds\":[\"" + bobId + "\"]}"));
            refused.add(Map.entry(route("PATCH", conversation, Map.of()), "{\"name\":\"" + bad + "\"}"));
            refused.add(Map.entry(route("POST", conversation + "/messages", Map.of()),
                    "{\"clientId\":\"bad-" + refused.size() + "\",\"body\":\"" + bad + "\"}"));
            refused.add(Map.entry(route("PATCH", message, Map.of()), "{\"body\":\"" + bad + "\"}"));
            refused.add(Map.entry(route("POST", message + "/reactions", Map.of()), "{\"emoji\":\"" + bad + "\"}"));
            refused.add(Map.entry(route("POST", conversation + "/polls", Map.of()),
                    "{\"question\":\"" + bad + "\",\"options\":[\"a\",\"b\"]}"));
            refused.add(Map.entry(route("POST", conversation + "/polls", Map.of()),
                    "{\"question\":\"q\",\"options\":[\"a\",\"" + bad + "\"]}"));
        }

        refused.forEach(entry -> {
            FuzzedRoute route = entry.getKey();
            String body = entry.getValue();
            var answer = route.send(port, body);

            route.assertHandled(answer, body);
            assertThat(answer.statusCode()).as("%s %s %s", route.method(), route.path(), body).isEqualTo(400);
            assertThat(answer.body()).as("%s %s", route.path(), body).contains("VALIDATION_FAILED");
        });
    }

    @Example
    void anUnpairedSurrogateInASentOrEditedBodyIsAValidationErrorFrameAndReachesNoOne() {
        Map<String, String> values = ids();
        connected();

        a.send("{\"type\":\"send\",\"conversationId\":\"" + values.get("conversation")
                + "\",\"clientId\":\"lone-1\",\"body\":\"long " + "x".repeat(3000) + "\\ud83d\"}");
        JsonNode sendError = a.next("error");
        a.send("{\"type\":\"edit\",\"conversationId\":\"" + values.get("conversation")
                + "\",\"messageId\":\"" + values.get("message") + "\",\"ref\":\"lone-2\",\"body\":\"\\ude00\"}");
        JsonNode editError = a.next("error");

        assertThat(List.of(sendError.path("code").asString(), editError.path("code").asString()))
                .containsOnly("VALIDATION_FAILED");
        assertThat(List.of(sendError.path("ref").asString(), editError.path("ref").asString()))
                .containsExactly("lone-1", "lone-2");
        assertMessageReaches(b, values.get("conversation"));
    }

    /**
     * Found by the property (issue 19): an attachment id that was not a string threw past the frame handler, which
     * dropped the frames read with it (the ping after it was never answered).
     */
    @Example
    void anAttachmentIdThatIsNotAStringIsAValidationErrorFrame() {
        Map<String, String> values = ids();
        connected();
        String sent = "{\"type\":\"send\",\"conversationId\":\"" + values.get("conversation")
                + "\",\"clientId\":\"att-1\",\"body\":\"hi\",\"attachments\":[[{\"a\":[\"leaf\"]}]]}";

        a.send(sent);
        JsonNode error = a.next("error");

        assertThat(error.path("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(error.path("ref").asString()).isEqualTo("att-1");
        answeredOrTooBig(a, sent);
        assertMessageReaches(b, values.get("conversation"));
    }

    // a fixed seed (one that passed) keeps the build deterministic; to explore, change it and run the class: what a
    // new seed finds becomes an @Example here
    @Property(tries = 150, seed = "9157833540654564616", afterFailure = AfterFailureMode.SAMPLE_FIRST)
    void anyFrameOfOneMemberLeavesAnotherConnectedAndReachable(@ForAll("frames") String frame) {
        Map<String, String> values = ids();
        connected();
        String sent = FuzzedRoute.fill(frame, values);

        sendQuietly(a, sent);
        answeredOrTooBig(a, sent);

        assertThat(b.isClosed()).as("the other member's socket after %s", FuzzedRoute.abbreviated(sent)).isFalse();
        assertMessageReaches(b, values.get("conversation"));
    }

    @Provide
    Arbitrary<String> frames() {
        String conversation = "{conversation}";
        String message = "{message}";
        return Arbitraries.oneOf(List.of(
                frame(Map.of("type", "send", "conversationId", conversation, "clientId", "c-1", "body", "hi",
                        "messageType", "text", "replyTo", message, "attachments", List.of())),
                frame(Map.of("type", "edit", "conversationId", conversation, "messageId", message, "body", "edited")),
                frame(Map.of("type", "delete", "conversationId", conversation, "messageId", message)),
                frame(Map.of("type", "react", "conversationId", conversation, "messageId", message, "emoji", "x",
                        "remove", false)),
                frame(Map.of("type", "typing", "conversationId", conversation, "typing", true)),
                frame(Map.of("type", "read", "conversationId", conversation, "seq", 1, "deliveredSeq", 1)),
                frame(Map.of("type", "sync", "after", Map.of(conversation, 0))),
                frame(Map.of("type", "ping", "ref", "r-1", "status", "away")),
                frame(Map.of("type", "auth", "token", aliceToken)),
                MutatedJson.of(Map.of("type", "ping", "ref", "r-1"))));
    }

    private static Arbitrary<String> frame(Map<String, ?> valid) {
        return MutatedJson.keeping(valid, "type");
    }

    @AfterProperty
    void disconnect() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    /** The ids the examples name: a group of Alice and Bob, a message and a poll in it. */
    private Map<String, String> ids() {
        if (ids.isEmpty()) {
            ChatApi alice = new ChatApi(port, aliceId, aliceToken);
            UUID group = alice.createGroup("fuzz", bobId);
            JsonNode message = alice.sendText(group, "first", "hello").body();
            JsonNode poll = alice.post("/api/v1/conversations/" + group + "/polls",
                    Map.of("question", "Where?", "options", List.of("Pizza", "Sushi"))).body();
            var sealed = alice.post("/api/v1/conversations", Map.of("type", "group", "name", "fuzz-e2ee", "e2ee", true,
                    "memberIds", List.of(bobId.toString()))).body();
            ids.put("conversation", group.toString());
            ids.put("e2ee", sealed.path("id").asString());
            ids.put("message", message.path("id").asString());
            ids.put("poll", poll.path("id").asString());
            ids.put("option", poll.path("options").path(0).path("id").asString());
        }
        return ids;
    }

    /** Alice and Bob connected, Alice reconnecting whenever her last frame closed her socket. */
    private void connected() {
        if (b == null) {
            b = ChatSockets.connect(port, TestTokens.accessToken(bobId));
        }
        if (a == null || a.isClosed()) {
            a = ChatSockets.connect(port, aliceToken);
        }
    }

    /**
     * Waits until the server has answered everything the socket sent (the answer to a ping), checking that no answer
     * on the way was an internal error; or, for a frame above the size limit, until the server closed the socket
     * with 1009.
     */
    private void answeredOrTooBig(TestSocket socket, String sent) {
        String ref = UUID.randomUUID().toString();
        sendQuietly(socket, "{\"type\":\"ping\",\"ref\":\"" + ref + "\"}");
        long deadline = System.nanoTime() + ANSWER.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode frame = socket.poll(Duration.ofMillis(50));
            if (frame != null) {
                assertThat(frame.path("code").asString("")).as("answer to %s: %s", FuzzedRoute.abbreviated(sent), frame)
                        .isNotIn("INTERNAL_ERROR", "SERVICE_UNAVAILABLE");
                if (frame.path("type").asString().equals("pong") && ref.equals(frame.path("ref").asString())) {
                    return;
                }
            } else if (socket.isClosed()) {
                assertThat(socket.awaitClose(ANSWER)).as("close after %s", FuzzedRoute.abbreviated(sent)).isEqualTo(1009);
                assertThat(sent.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).as("a closed sender's frame")
                        .isGreaterThan(16 * 1024);
                return;
            }
        }
        throw new AssertionError("neither a pong nor a close within " + ANSWER + " after " + FuzzedRoute.abbreviated(sent));
    }

    /** Alice sends a message over her socket, and Bob's socket delivers it. */
    private void assertMessageReaches(TestSocket receiver, String conversation) {
        String probe = UUID.randomUUID().toString();
        connected();
        a.send(Map.of("type", "send", "conversationId", conversation, "clientId", probe, "body", "probe " + probe));
        long deadline = System.nanoTime() + ANSWER.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode frame = receiver.poll(Duration.ofMillis(50));
            if (frame != null && frame.path("type").asString().equals("message")
                    && ("probe " + probe).equals(frame.path("message").path("body").asString())) {
                return;
            }
            assertThat(receiver.isClosed()).as("the receiver's socket").isFalse();
        }
        throw new AssertionError("the message did not reach Bob; Alice got " + a.takeAll(Duration.ofMillis(200))
                + ", Bob " + receiver.takeAll(Duration.ofMillis(200)));
    }

    private static void sendQuietly(TestSocket socket, String frame) {
        try {
            socket.send(frame);
        } catch (RuntimeException e) {
            // the server closed the socket (an oversized frame): the close code tells what happened
        }
    }
}
