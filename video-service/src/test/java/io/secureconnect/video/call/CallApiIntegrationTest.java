package io.secureconnect.video.call;

import static io.secureconnect.video.support.CallSockets.awaitParticipants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.events.UserEvents;
import io.secureconnect.testsupport.websocket.TestSocket;
import io.secureconnect.video.support.VideoIntegrationTest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/** Placing, ringing, declining, leaving and ending calls; TURN credentials; what the REST API refuses. */
class CallApiIntegrationTest extends VideoIntegrationTest {

    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private final UUID carol = UUID.randomUUID();
    private final List<JsonNode> userEvents = new CopyOnWriteArrayList<>();

    @Value("${spring.data.redis.url}")
    String redisUrl;
    private RedisClient redis;
    private StatefulRedisPubSubConnection<String, String> subscription;

    @BeforeEach
    void listenToUserEvents() {
        redis = RedisClient.create(redisUrl);
        subscription = redis.connectPubSub();
        subscription.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                userEvents.add(JSON.readTree(message));
            }
        });
        subscription.sync().subscribe(UserEvents.CHANNEL);
    }

    @AfterEach
    void stopListening() {
        subscription.close();
        redis.shutdown();
    }

    @Test
    void aCallInAConversationAnswersTheContractAndRingsTheOtherMembers() throws Exception {
        UUID conversation = peers.conversation(alice, bob, carol);

        JsonNode call = callIn(conversation, alice);

        assertThat(call.path("id").asString()).isNotBlank();
        assertThat(call.path("conversationId").asString()).isEqualTo(conversation.toString());
        assertThat(call.path("state").asString()).isEqualTo("ringing");
        assertThat(call.path("media").asString()).isEqualTo("video");
        assertThat(call.path("participants")).hasSize(3);
        JsonNode ring = await().atMost(TestSocket.WAIT).until(() -> eventOfType("call.incoming", call), e -> e != null);
        assertThat(ring.path("userIds")).extracting(JsonNode::asString)
                .containsExactlyInAnyOrder(bob.toString(), carol.toString());
        assertThat(ring.path("event").path("callerId").asString()).isEqualTo(alice.toString());
    }

    @Test
    void aCalleeWhoBlockedTheCallerIsNotRung() throws Exception {
        peers.block(bob, alice);

        var created = send("POST", "/api/v1/calls", alice,
                "{\"inviteeIds\":[\"" + bob + "\",\"" + carol + "\"],\"media\":\"audio\"}");

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode call = JSON.readTree(created.body());
        assertThat(call.path("participants")).extracting(p -> p.path("userId").asString())
                .containsExactlyInAnyOrder(alice.toString(), carol.toString());
        var onlyBob = send("POST", "/api/v1/calls", alice, "{\"inviteeIds\":[\"" + bob + "\"],\"media\":\"audio\"}");
        assertThat(onlyBob.statusCode()).isEqualTo(403);
    }

    /** S19: an ad hoc call rings only the caller's contacts; a stranger is called from a conversation they share. */
    @Test
    void anAdHocCallRingsOnlyContacts() throws Exception {
        peers.strangers(alice, bob);

        var created = send("POST", "/api/v1/calls", alice,
                "{\"inviteeIds\":[\"" + bob + "\",\"" + carol + "\"],\"media\":\"audio\"}");
        var onlyTheStranger = send("POST", "/api/v1/calls", alice, "{\"inviteeIds\":[\"" + bob + "\"],\"media\":\"audio\"}");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).path("participants")).extracting(p -> p.path("userId").asString())
                .containsExactlyInAnyOrder(alice.toString(), carol.toString());
        assertThat(onlyTheStranger.statusCode()).isEqualTo(403);
        assertThat(audit.has("call.create", AuditResult.DENIED, alice, "no invitee is a contact without a block")).isTrue();
    }

    @Test
    void badRequestsAreProblemsWithStableCodes() throws Exception {
        UUID conversation = peers.conversation(alice, bob);
        assertProblem(send("POST", "/api/v1/calls", alice, "{\"conversationId\":\"" + conversation
                + "\",\"media\":\"hologram\"}"), 400, "VALIDATION_FAILED");
        assertProblem(send("POST", "/api/v1/calls", alice, "{\"conversationId\":\"" + conversation
                + "\",\"inviteeIds\":[\"" + bob + "\"],\"media\":\"audio\"}"), 400, "VALIDATION_FAILED");
        assertProblem(send("POST", "/api/v1/calls", alice, "{\"media\":\"audio\"}"), 400, "VALIDATION_FAILED");
        assertProblem(send("POST", "/api/v1/calls", alice, "{\"media\":"), 400, "MALFORMED_REQUEST");
        assertProblem(send("POST", "/api/v1/calls", alice, "{\"inviteeIds\":[\"" + UUID.randomUUID() + "\",\""
                + UUID.randomUUID() + "\",\"" + UUID.randomUUID() + "\",\"" + UUID.randomUUID()
                + "\"],\"media\":\"video\"}"), 409, "CALL_FULL");
        assertProblem(send("POST", "/api/v1/calls", carol, "{\"conversationId\":\"" + conversation
                + "\",\"media\":\"audio\"}"), 404, "CONVERSATION_NOT_FOUND");
        assertProblem(send("GET", "/api/v1/calls/not-a-uuid", alice, null), 400, "MALFORMED_REQUEST");
        assertProblem(send("GET", "/api/v1/calls/" + UUID.randomUUID(), alice, null), 404, "CALL_NOT_FOUND");
    }

    @Test
    void whenChatCannotAnswerCallsFailClosed() throws Exception {
        UUID conversation = peers.conversation(alice, bob);
        peers.chatDown(true);
        try {
            assertProblem(send("POST", "/api/v1/calls", alice, "{\"conversationId\":\"" + conversation
                    + "\",\"media\":\"audio\"}"), 503, "CHAT_UNAVAILABLE");
        } finally {
            peers.chatDown(false);
        }
    }

    @Test
    void turnCredentialsFollowTheCoturnRestScheme() throws Exception {
        UUID callId = UUID.fromString(callIn(peers.conversation(alice, bob), alice).path("id").asString());
        var response = send("GET", "/api/v1/turn/credentials?callId=" + callId, alice, null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode credentials = JSON.readTree(response.body());
        String username = credentials.path("username").asString();
        assertThat(username).endsWith(":" + alice);
        long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
        assertThat(expiry).isBetween(System.currentTimeMillis() / 1000 + 3500, System.currentTimeMillis() / 1000 + 3700);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec("test-turn-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        assertThat(credentials.path("password").asString())
                .isEqualTo(Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8))));
        assertThat(credentials.path("ttl").asLong()).isEqualTo(3600);
        assertThat(credentials.path("uris")).extracting(JsonNode::asString)
                .containsExactly("turn:turn.example.org:3478?transport=udp", "stun:stun.example.org:3478");
    }

    /** S11: a relay costs us bandwidth, so credentials go only to those who may join a live call. */
    @Test
    void turnCredentialsAreForParticipantsOfALiveCallOnly() throws Exception {
        UUID callId = UUID.fromString(callIn(peers.conversation(alice, bob), alice).path("id").asString());

        assertThat(send("GET", "/api/v1/turn/credentials?callId=" + callId, bob, null).statusCode()).isEqualTo(200);
        assertProblem(send("GET", "/api/v1/turn/credentials?callId=" + callId, carol, null), 403, "NOT_A_PARTICIPANT");
        assertProblem(send("GET", "/api/v1/turn/credentials?callId=" + UUID.randomUUID(), alice, null), 404,
                "CALL_NOT_FOUND");
        assertThat(send("GET", "/api/v1/turn/credentials", alice, null).statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/v1/calls/" + callId + "/end", alice, null).statusCode()).isEqualTo(204);
        assertProblem(send("GET", "/api/v1/turn/credentials?callId=" + callId, alice, null), 410, "CALL_ENDED");
    }

    @Test
    void whenTheOnlyCalleeDeclinesTheCallEndsAsDeclined() throws Exception {
        JsonNode call = callIn(peers.conversation(alice, bob), alice);
        UUID callId = UUID.fromString(call.path("id").asString());
        try (TestSocket a = join(callId, alice)) {
            assertThat(send("POST", "/api/v1/calls/" + callId + "/decline", bob, null).statusCode()).isEqualTo(204);

            assertThat(a.next("declined").path("userId").asString()).isEqualTo(bob.toString());
            assertThat(a.next("ended").path("reason").asString()).isEqualTo("declined");
            assertThat(a.awaitClose()).isEqualTo(4410);
        }
        JsonNode declined = await().atMost(TestSocket.WAIT).until(() -> eventOfType("call.declined", call), e -> e != null);
        assertThat(declined.path("userIds")).extracting(JsonNode::asString).contains(alice.toString());
        assertThat(call(callId, alice).path("endReason").asString()).isEqualTo("declined");
    }

    @Test
    void whenTheLastParticipantLeavesTheCallIsRecordedAsCompleted() throws Exception {
        UUID callId = callIdIn(peers.conversation(alice, bob), alice);
        try (TestSocket a = join(callId, alice); TestSocket b = join(callId, bob)) {
            awaitParticipants(a, alice, bob);
            assertThat(call(callId, bob).path("state").asString()).isEqualTo("active");

            b.send("{\"type\":\"leave\"}");
            assertThat(b.awaitClose()).isEqualTo(1000);
            awaitParticipants(a, alice);
            a.closeNormally();
        }

        JsonNode call = await().atMost(TestSocket.WAIT).until(() -> call(callId, alice),
                c -> "ended".equals(c.path("state").asString()));
        assertThat(call.path("endReason").asString()).isEqualTo("completed");
        assertThat(call.path("startedAt").isNull()).isFalse();
        assertThat(call.path("durationSeconds").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(call.path("participants")).allSatisfy(p -> assertThat(p.path("leftAt").isNull()).isFalse());
        String metrics = send("GET", "/metrics", null, null).body();
        assertThat(metrics).contains("calls_total{", "calls_active", "calls_duration_seconds_count",
                "calls_recovered_total", "websocket_connections", "calls_failed_total{");
    }

    private JsonNode eventOfType(String type, JsonNode call) {
        return userEvents.stream().filter(e -> type.equals(e.path("event").path("type").asString())
                && call.path("id").asString().equals(e.path("event").path("callId").asString())).findFirst().orElse(null);
    }

    private static void assertProblem(java.net.http.HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"code\":\"" + code + "\"");
    }
}
