package io.secureconnect.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import io.secureconnect.testsupport.websocket.FrameCheck;
import io.secureconnect.testsupport.websocket.TestSocket;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Both WebSockets through the gateway as a client meets them, frame by frame, so that the AsyncAPI frame check that
 * {@link SystemTest} runs on every system test ({@code AsyncApiFrameCheck}) sees nearly every server frame of
 * docs/chat-asyncapi.yaml and docs/calls-asyncapi.yaml at least once: chat's greeting, acks, messages, edits,
 * deletions, reactions, receipts, typing, conversation and poll changes, a notification, sync, ping, auth and
 * errors; a call that rings on the chat socket, is joined, signalled, muted, ended for everyone, and a second one
 * declined. The frames of MLS groups (keys.*, mls.welcome) need an MLS client and are not driven here.
 */
@SystemTest
class SocketFramesIT {

    private static final Duration SETTLE = Duration.ofSeconds(1);

    private final SecureConnectSystem system;

    SocketFramesIT(SecureConnectSystem system) {
        this.system = system;
    }

    @Test
    void everyFrameBothServersSendMatchesTheirAsyncApiDescriptions() {
        var ann = SignedUpUser.signUp(system, "Ann");
        var bob = SignedUpUser.signUp(system, "Bob");
        URI chatUri = system.gatewaySocket("/ws/chat");
        try (var annChat = TestSocket.connect(chatUri, ann.token());
             var bobChat = TestSocket.connectWithTokenInQuery(chatUri, bob.token())) {
            assertThat(annChat.next("ready").path("userId").asString()).isEqualTo(ann.id());
            bobChat.next("ready");

            String direct = created(Api.postJson(system.gateway("/api/v1/conversations"),
                    "{\"type\":\"direct\",\"memberIds\":[\"" + bob.id() + "\"]}").bearer(ann.token()).send());
            String group = created(Api.postJson(system.gateway("/api/v1/conversations"),
                    "{\"type\":\"group\",\"name\":\"Lunch\",\"memberIds\":[\"" + bob.id() + "\"]}")
                    .bearer(ann.token()).send());
            assertThat(bobChat.next(frame -> "conversation.updated".equals(frame.path("type").asString())
                    && group.equals(frame.path("conversation").path("id").asString()), "the new group")
                    .path("change").asString()).isEqualTo("created");

            chat(annChat, bobChat, ann, bob, group);
            calls(annChat, bobChat, ann, bob, direct);

            // frames still under way (presence, notifications) are checked as they arrive, before the test ends
            annChat.takeAll(SETTLE);
            bobChat.takeAll(SETTLE);
        }
        assertThat(FrameCheck.checkedByType()).as("frames the AsyncAPI check saw").containsKeys(
                "/ws/chat ready", "/ws/chat ack", "/ws/chat message", "/ws/chat message.edited",
                "/ws/chat message.deleted", "/ws/chat reaction", "/ws/chat receipt", "/ws/chat typing",
                "/ws/chat conversation.updated", "/ws/chat poll.updated", "/ws/chat notification", "/ws/chat synced", "/ws/chat pong",
                "/ws/chat authenticated", "/ws/chat error", "/ws/chat call.incoming", "/ws/chat call.ended",
                "/ws/chat call.declined",
                "/ws/calls ready", "/ws/calls participants", "/ws/calls signal", "/ws/calls state",
                "/ws/calls speaking", "/ws/calls pong", "/ws/calls authenticated", "/ws/calls error",
                "/ws/calls declined", "/ws/calls ended");
    }

    private void chat(TestSocket annChat, TestSocket bobChat, SignedUpUser ann, SignedUpUser bob, String group) {
        annChat.send("{\"type\":\"send\",\"conversationId\":\"" + group + "\",\"clientId\":\"frames-1\","
                + "\"body\":\"Thai or pizza?\"}");
        JsonNode first = annChat.next("ack").path("message");
        assertThat(bobChat.next(frame -> "message".equals(frame.path("type").asString())
                && "frames-1".equals(frame.path("message").path("clientId").asString()), "Ann's message")
                .path("message").path("body").asString()).isEqualTo("Thai or pizza?");
        String messageId = first.path("id").asString();

        bobChat.send("{\"type\":\"typing\",\"conversationId\":\"" + group + "\"}");
        assertThat(annChat.next("typing").path("userId").asString()).isEqualTo(bob.id());

        bobChat.send("{\"type\":\"send\",\"conversationId\":\"" + group + "\",\"clientId\":\"frames-2\","
                + "\"body\":\"Thai\",\"replyTo\":\"" + messageId + "\"}");
        long bobSeq = bobChat.next("ack").path("message").path("seq").asLong();
        bobChat.send("{\"type\":\"read\",\"conversationId\":\"" + group + "\",\"seq\":" + bobSeq + "}");
        assertThat(annChat.next(frame -> "receipt".equals(frame.path("type").asString())
                && bob.id().equals(frame.path("userId").asString()), "Bob's receipt").path("readSeq").asLong())
                .isEqualTo(bobSeq);

        annChat.send("{\"type\":\"react\",\"conversationId\":\"" + group + "\",\"messageId\":\"" + messageId
                + "\",\"emoji\":\"👍\"}");
        assertThat(bobChat.next("reaction").path("action").asString()).isEqualTo("added");
        annChat.send("{\"type\":\"edit\",\"conversationId\":\"" + group + "\",\"messageId\":\"" + messageId
                + "\",\"body\":\"Thai, pizza or salad?\"}");
        assertThat(bobChat.next("message.edited").path("message").path("editedAt").isString()).isTrue();
        annChat.send("{\"type\":\"delete\",\"conversationId\":\"" + group + "\",\"messageId\":\"" + messageId + "\"}");
        assertThat(bobChat.next("message.deleted").path("messageId").asString()).isEqualTo(messageId);

        // a poll: created (a system message), voted on (the live tally), deleted
        var poll = Api.postJson(system.gateway("/api/v1/conversations/" + group + "/polls"),
                "{\"question\":\"Where?\",\"options\":[\"Thai\",\"Pizza\"]}").bearer(bob.token()).send();
        assertThat(poll.status()).as(poll.toString()).isEqualTo(201);
        String option = poll.json().path("options").get(0).path("id").asString();
        var vote = Api.postJson(system.gateway("/api/v1/polls/" + poll.member("id") + "/votes"),
                "{\"optionIds\":[\"" + option + "\"]}").bearer(bob.token()).send();
        assertThat(vote.status()).as(vote.toString()).isEqualTo(200);
        annChat.next(frame -> "poll.updated".equals(frame.path("type").asString())
                && frame.path("poll").path("options").path(0).path("votes").asLong() == 1, "the tally with Bob's vote");
        // closing it tells the other members the result: an inbox item
        var closed = Api.request("POST", system.gateway("/api/v1/polls/" + poll.member("id") + "/close"), null)
                .bearer(bob.token()).send();
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        assertThat(annChat.next(frame -> "notification".equals(frame.path("type").asString())
                && "poll_result".equals(frame.path("notification").path("kind").asString()), "the poll's result")
                .path("unreadCount").asLong()).isPositive();
        var deleted = Api.request("DELETE", system.gateway("/api/v1/polls/" + poll.member("id")), null)
                .bearer(bob.token()).send();
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(annChat.next(frame -> frame.path("poll").path("deleted").asBoolean(), "the poll deleted")).isNotNull();

        annChat.send("{\"type\":\"sync\",\"after\":{\"" + group + "\":0}}");
        assertThat(annChat.next("synced").path("latest").path(group).asLong()).isGreaterThanOrEqualTo(bobSeq);
        annChat.send("{\"type\":\"ping\",\"status\":\"away\",\"ref\":\"p-1\"}");
        assertThat(annChat.next("pong").path("ref").asString()).isEqualTo("p-1");
        annChat.send("{\"type\":\"auth\",\"token\":\"" + SignedUpUser.logIn(system, ann) + "\"}");
        assertThat(annChat.next("authenticated").path("expiresAt").isString()).isTrue();
        annChat.send("{\"type\":\"auth\",\"token\":\"not-a-token\"}");
        assertThat(annChat.next("error").path("code").asString()).isEqualTo("UNAUTHENTICATED");

        // refused frames, each named by its clientId or ref; the socket stays open
        annChat.send("{\"type\":\"shout\",\"ref\":\"r-1\"}");
        assertThat(annChat.next("error").path("code").asString()).isEqualTo("UNKNOWN_TYPE");
        annChat.send("not json");
        assertThat(annChat.next("error").path("code").asString()).isEqualTo("MALFORMED_FRAME");
        annChat.send("{\"type\":\"send\",\"conversationId\":\"" + UUID.randomUUID() + "\",\"clientId\":\"frames-3\","
                + "\"body\":\"anyone?\"}");
        JsonNode notFound = annChat.next("error");
        assertThat(notFound.path("code").asString()).isEqualTo("CONVERSATION_NOT_FOUND");
        assertThat(notFound.path("ref").asString()).isEqualTo("frames-3");
    }

    private void calls(TestSocket annChat, TestSocket bobChat, SignedUpUser ann, SignedUpUser bob, String direct) {
        // Ann calls Bob: it rings on his chat socket; both join, signal, announce media, and Ann hangs up for both
        String call = created(Api.postJson(system.gateway("/api/v1/calls"),
                "{\"conversationId\":\"" + direct + "\",\"media\":\"video\"}").bearer(ann.token()).send());
        assertThat(bobChat.next("call.incoming").path("callId").asString()).isEqualTo(call);
        URI callUri = system.gatewaySocket("/ws/calls?callId=" + call + "&deviceId=laptop");
        try (var annCall = TestSocket.connect(callUri, ann.token());
             var bobCall = TestSocket.connect(callUri, bob.token())) {
            // ringing or already active: Bob's join may come first
            assertThat(annCall.next("ready").path("callId").asString()).isEqualTo(call);
            assertThat(bobCall.next("ready").path("callId").asString()).isEqualTo(call);
            annCall.next(frame -> "participants".equals(frame.path("type").asString())
                    && frame.path("participants").size() == 2, "both in the call");

            annCall.send("{\"type\":\"signal\",\"to\":\"" + bob.id() + "\",\"data\":{\"type\":\"offer\","
                    + "\"sdp\":\"v=0\\r\\n\"}}");
            assertThat(bobCall.next("signal").path("from").asString()).isEqualTo(ann.id());
            bobCall.send("{\"type\":\"signal\",\"to\":\"" + ann.id() + "\",\"data\":{\"candidate\":{\"candidate\":"
                    + "\"candidate:1 1 udp 1 192.0.2.10 5000 typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}}");
            assertThat(annCall.next("signal").path("data").path("candidate").isObject()).isTrue();
            annCall.send("{\"type\":\"state\",\"audio\":false}");
            assertThat(bobCall.next("state").path("audio").asBoolean(true)).isFalse();
            bobCall.send("{\"type\":\"speaking\"}");
            assertThat(annCall.next("speaking").path("from").asString()).isEqualTo(bob.id());
            annCall.send("{\"type\":\"ping\"}");
            annCall.next("pong");
            annCall.send("{\"type\":\"auth\",\"token\":\"" + SignedUpUser.logIn(system, ann) + "\"}");
            assertThat(annCall.next("authenticated").path("expiresAt").isString()).isTrue();

            annCall.send("{\"type\":\"signal\",\"to\":\"" + ann.id() + "\",\"data\":{}}");
            assertThat(annCall.next("error").path("code").asString()).isEqualTo("INVALID_SIGNAL");
            annCall.send("{\"type\":\"signal\",\"to\":\"" + UUID.randomUUID() + "\",\"data\":{}}");
            assertThat(annCall.next("error").path("code").asString()).isEqualTo("PEER_NOT_FOUND");
            annCall.send("{\"type\":\"state\"}");
            assertThat(annCall.next("error").path("code").asString()).isEqualTo("INVALID_STATE");
            annCall.send("{\"type\":\"wave\"}");
            assertThat(annCall.next("error").path("code").asString()).isEqualTo("UNKNOWN_TYPE");

            var ended = Api.request("POST", system.gateway("/api/v1/calls/" + call + "/end"), null)
                    .bearer(ann.token()).send();
            assertThat(ended.status()).as(ended.toString()).isEqualTo(204);
            assertThat(bobCall.next("ended").path("reason").asString()).isEqualTo("hung_up");
            assertThat(bobCall.awaitClose()).isEqualTo(4410);
            annCall.next("ended");
        }
        assertThat(bobChat.next("call.ended").path("callId").asString()).isEqualTo(call);

        // a second call that Bob declines while Ann waits in it
        String declined = created(Api.postJson(system.gateway("/api/v1/calls"),
                "{\"conversationId\":\"" + direct + "\",\"media\":\"audio\"}").bearer(ann.token()).send());
        bobChat.next("call.incoming");
        try (var annCall = TestSocket.connect(system.gatewaySocket("/ws/calls?callId=" + declined), ann.token())) {
            annCall.next("ready");
            var no = Api.request("POST", system.gateway("/api/v1/calls/" + declined + "/decline"), null).bearer(bob.token()).send();
            assertThat(no.status()).as(no.toString()).isEqualTo(204);
            assertThat(annCall.next("declined").path("userId").asString()).isEqualTo(bob.id());
            assertThat(annCall.next("ended").path("reason").asString()).isEqualTo("declined");
            assertThat(annCall.awaitClose()).isEqualTo(4410);
        }
        assertThat(annChat.next(frame -> "call.declined".equals(frame.path("type").asString())
                && frame.has("userId"), "Bob's decline").path("userId").asString()).isEqualTo(bob.id());
    }

    private static String created(Api.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.member("id");
    }
}
