package io.secureconnect.chat.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;

import io.secureconnect.chat.support.ChatApi;
import io.secureconnect.chat.support.ChatIntegrationTest;
import io.secureconnect.chat.support.ChatSockets;
import io.secureconnect.common.events.UserEvents;
import io.secureconnect.common.security.RevokedSessions;
import io.secureconnect.testsupport.jwt.TestTokens;
import io.secureconnect.testsupport.websocket.TestSocket;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

class ChatSocketIntegrationTest extends ChatIntegrationTest {

    @Autowired
    UserEvents userEvents;

    @Autowired
    StringRedisTemplate redis;

    @Test
    void aMessageSentOnTheSocketIsAckedAfterCommitAndReachesEveryDeviceOfEveryMember() {
        ChatApi ann = user();
        ChatApi bob = user();
        UUID chat = ann.createDirect(bob.userId());
        try (var annSocket = ChatSockets.connect(ann); var bobPhone = ChatSockets.connect(bob);
             var bobLaptop = ChatSockets.connect(bob)) {

            annSocket.send(Map.of("type", "send", "conversationId", chat.toString(), "clientId", "ws-1", "body", "hi Bob"));

            JsonNode ack = annSocket.next("ack");
            assertThat(ack.path("clientId").asString()).isEqualTo("ws-1");
            assertThat(ack.path("message").path("seq").asLong()).isEqualTo(1);
            assertThat(ann.history(chat)).hasSize(1); // committed by the time of the ack
            for (TestSocket device : List.of(bobPhone, bobLaptop)) {
                JsonNode frame = device.next("message");
                assertThat(frame.path("message").path("body").asString()).isEqualTo("hi Bob");
                assertThat(frame.path("message").path("id").asString()).isEqualTo(ack.path("message").path("id").asString());
            }
        }
    }

    @Test
    void theHandshakeAnswersWithTheBearerSubprotocolAndRefusesWithoutAValidToken() {
        ChatApi ann = user();
        try (var socket = ChatSockets.connect(ann)) {
            assertThat(socket.subprotocol()).isEqualTo("bearer");
        }
        assertThatThrownBy(() -> ChatSockets.connect(port, TestTokens.expiredAccessToken(ann.userId())))
                .hasStackTraceContaining("401");
        assertThatThrownBy(() -> ChatSockets.connect(port, "not-a-token")).hasStackTraceContaining("401");
    }

    @Test
    void theAccessTokenQueryParameterAuthenticatesToo() {
        ChatApi ann = user();
        try (var socket = TestSocket.connectWithTokenInQuery(ChatSockets.uri(port), ann.token())) {
            assertThat(socket.nextText()).contains("\"type\":\"ready\"");
        }
    }

    @Test
    void typingAndReadReceiptsReachTheOtherMember() {
        ChatApi ann = user();
        ChatApi bob = user();
        UUID chat = ann.createDirect(bob.userId());
        long seq = ann.sendText(chat, "t1", "are you there?").body().path("seq").asLong();
        try (var annSocket = ChatSockets.connect(ann); var bobSocket = ChatSockets.connect(bob)) {

            bobSocket.send(Map.of("type", "typing", "conversationId", chat.toString()));
            bobSocket.send(Map.of("type", "read", "conversationId", chat.toString(), "seq", seq));

            JsonNode typing = annSocket.next("typing");
            assertThat(typing.path("userId").asString()).isEqualTo(bob.userId().toString());
            assertThat(typing.path("conversationId").asString()).isEqualTo(chat.toString());
            JsonNode receipt = annSocket.next("receipt");
            assertThat(receipt.path("userId").asString()).isEqualTo(bob.userId().toString());
            assertThat(receipt.path("readSeq").asLong()).isEqualTo(seq);
            assertThat(bob.get("/api/v1/conversations/" + chat).body().path("unreadCount").asLong()).isZero();
        }
    }

    @Test
    void syncReplaysWhatTheClientMissedThenSaysSynced() {
        ChatApi ann = user();
        ChatApi bob = user();
        UUID chat = ann.createDirect(bob.userId());
        for (int i = 1; i <= 5; i++) {
            ann.sendText(chat, "s" + i, "missed " + i);
        }
        try (var bobSocket = ChatSockets.connect(bob)) {

            bobSocket.send(Map.of("type", "sync", "after", Map.of(chat.toString(), 2)));

            List<Long> replayed = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                replayed.add(bobSocket.next("message").path("message").path("seq").asLong());
            }
            JsonNode synced = bobSocket.next("synced");
            assertThat(replayed).containsExactly(3L, 4L, 5L);
            assertThat(synced.path("latest").path(chat.toString()).asLong()).isEqualTo(5);
        }
    }

    @Test
    void editsDeletionsAndReactionsOnTheSocketAreBroadcast() {
        ChatApi ann = user();
        ChatApi bob = user();
        UUID chat = ann.createDirect(bob.userId());
        String id = ann.sendText(chat, "x1", "typo").body().path("id").asString();
        try (var annSocket = ChatSockets.connect(ann); var bobSocket = ChatSockets.connect(bob)) {

            annSocket.send(Map.of("type", "edit", "conversationId", chat.toString(), "messageId", id, "body", "fixed"));
            assertThat(bobSocket.next("message.edited").path("message").path("body").asString()).isEqualTo("fixed");
            bobSocket.send(Map.of("type", "react", "conversationId", chat.toString(), "messageId", id, "emoji", "🎉"));
            assertThat(annSocket.next("reaction").path("emoji").asString()).isEqualTo("🎉");
            annSocket.send(Map.of("type", "delete", "conversationId", chat.toString(), "messageId", id));
            assertThat(bobSocket.next("message.deleted").path("messageId").asString()).isEqualTo(id);
        }
    }

    @Test
    void badFramesGetAnErrorAndTheSocketStaysUsable() {
        ChatApi ann = user();
        UUID chat = ann.createDirect(user().userId());
        UUID foreign = user().createDirect(user().userId());
        try (var socket = ChatSockets.connect(ann)) {

            socket.send("this is not json");
            assertThat(socket.next("error").path("code").asString()).isEqualTo("MALFORMED_FRAME");
            socket.send("[\"an\", \"array\"]");
            assertThat(socket.next("error").path("code").asString()).isEqualTo("MALFORMED_FRAME");
            socket.send(Map.of("type", "teleport"));
            assertThat(socket.next("error").path("code").asString()).isEqualTo("UNKNOWN_TYPE");
            socket.send(Map.of("type", "send", "conversationId", "nope", "clientId", "b1", "body", "x"));
            assertThat(socket.next("error").path("code").asString()).isEqualTo("VALIDATION_FAILED");
            socket.send(Map.of("type", "send", "conversationId", foreign.toString(), "clientId", "b2", "body", "x"));
            JsonNode notFound = socket.next("error");
            assertThat(notFound.path("code").asString()).isEqualTo("CONVERSATION_NOT_FOUND");
            assertThat(notFound.path("ref").asString()).isEqualTo("b2");

            socket.send(Map.of("type", "send", "conversationId", chat.toString(), "clientId", "ok", "body", "still here"));
            assertThat(socket.next("ack").path("clientId").asString()).isEqualTo("ok");
        }
        assertThat(audit.denials("conversation:" + foreign)).hasSize(1);
    }

    @Test
    void anOversizeFrameClosesOnlyThatSocketWith1009() {
        ChatApi ann = user();
        ChatApi bob = user();
        UUID chat = ann.createDirect(bob.userId());
        try (var big = ChatSockets.connect(ann); var bystander = ChatSockets.connect(bob)) {

            big.send("{\"type\":\"send\",\"body\":\"" + "x".repeat(70 * 1024) + "\"}");

            assertThat(big.awaitClose(Duration.ofSeconds(10))).isEqualTo(1009);
            ann.sendText(chat, "after", "others are unaffected");
            assertThat(bystander.next("message").path("message").path("body").asString()).isEqualTo("others are unaffected");
        }
    }

    @Test
    void framesAboveTheContainerBufferButWithinTheLimitArriveWhole() {
        ChatApi ann = user();
        ChatApi bob = user();
        UUID chat = ann.createDirect(bob.userId());
        String body = "é€".repeat(1_900) + "!"; // 3,801 characters, 9,502 bytes of UTF-8: several parts
        String ref = "r".repeat(15_000);
        try (var socket = ChatSockets.connect(ann); var bobSocket = ChatSockets.connect(bob)) {

            socket.send(Map.of("type", "send", "conversationId", chat.toString(), "clientId", "big", "body", body));
            socket.send(Map.of("type", "ping", "ref", ref));

            assertThat(socket.next("ack").path("message").path("body").asString()).isEqualTo(body);
            assertThat(socket.next("pong").path("ref").asString()).isEqualTo(ref);
            assertThat(bobSocket.next("message").path("message").path("body").asString()).isEqualTo(body);
        }
    }

    @Test
    void aFrameJustAboveTheLimitClosesWith1009() {
        ChatApi ann = user();
        try (var socket = ChatSockets.connect(ann)) {
            socket.send(Map.of("type", "ping", "ref", "ok"));
            assertThat(socket.next("pong").path("ref").asString()).isEqualTo("ok");

            socket.send("{\"type\":\"ping\",\"ref\":\"" + "x".repeat(16 * 1024) + "\"}");

            assertThat(socket.awaitClose(Duration.ofSeconds(10))).isEqualTo(1009);
        }
    }

    @Test
    void aFloodIsRefusedThenDisconnectedWith4429WhileOthersAreUnaffected() {
        ChatApi ann = user();
        ChatApi bob = user();
        UUID chat = ann.createDirect(bob.userId());
        try (var flooder = ChatSockets.connect(ann); var bystander = ChatSockets.connect(bob)) {

            for (int i = 0; i < 400 && !flooder.isClosed(); i++) {
                try {
                    flooder.send(Map.of("type", "ping", "ref", "ping-" + i));
                } catch (CompletionException closedMeanwhile) {
                    break; // the server's close arrived between the check and the send; the close code is asserted below
                }
            }

            var refused = flooder.next("error");
            assertThat(refused.path("code").asString()).isEqualTo("RATE_LIMITED");
            assertThat(refused.path("ref").asString()).as("names the refused frame").startsWith("ping-");
            assertThat(refused.path("retryAfterMs").asLong()).isBetween(1L, 1000L);
            assertThat(flooder.awaitClose(Duration.ofSeconds(10))).isEqualTo(4429);
            bystander.send(Map.of("type", "send", "conversationId", chat.toString(), "clientId", "calm", "body", "fine"));
            assertThat(bystander.next("ack").path("clientId").asString()).isEqualTo("calm");
        }
    }

    @Test
    void anExpiredTokenClosesTheSocketWith4401UnlessTheClientReauthenticates() {
        ChatApi ann = user();
        String shortLived = TestTokens.forUser(ann.userId()).lifetime(Duration.ofSeconds(3)).mint();
        try (var expiring = ChatSockets.connect(port, shortLived); var renewed = ChatSockets.connect(port, shortLived)) {

            renewed.send(Map.of("type", "auth", "token", TestTokens.accessToken(ann.userId())));
            assertThat(renewed.next("authenticated").path("expiresAt").isMissingNode()).isFalse();

            assertThat(expiring.awaitClose(Duration.ofSeconds(15))).isEqualTo(4401);
            assertThat(renewed.isClosed()).isFalse();
        }
    }

    @Test
    void aRevokedSessionClosesItsOpenSocketsWith4401() {
        ChatApi ann = user();
        UUID session = UUID.randomUUID();
        String token = TestTokens.forUser(ann.userId()).sessionId(session).mint();
        try (var socket = ChatSockets.connect(port, token); var otherSession = ChatSockets.connect(ann)) {

            redis.opsForValue().set(RevokedSessions.redisKey(session.toString()), "logout", Duration.ofMinutes(15));

            assertThat(socket.awaitClose(Duration.ofSeconds(15))).isEqualTo(4401);
            assertThat(otherSession.isClosed()).isFalse();
        }
    }

    @Test
    void otherServicesReachAUsersSocketsThroughThePerUserEventChannel() {
        ChatApi bob = user();
        try (var bobSocket = ChatSockets.connect(bob)) {

            boolean published = userEvents.publish(List.of(bob.userId()),
                    Map.of("type", "call.incoming", "callId", "c-42"));

            assertThat(published).isTrue();
            assertThat(bobSocket.next("call.incoming").path("callId").asString()).isEqualTo("c-42");
        }
    }

    @Test
    void everyMemberSeesFiftyConcurrentSendersInTheSameOrder() throws Exception {
        ChatApi owner = user();
        List<ChatApi> senders = users(50);
        UUID group = owner.createGroup("Crowd", senders.stream().map(ChatApi::userId).toArray(UUID[]::new));
        List<TestSocket> watchers = List.of(ChatSockets.connect(owner), ChatSockets.connect(senders.get(0)),
                ChatSockets.connect(senders.get(49)));
        try {
            try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (ChatApi sender : senders) {
                    threads.submit(() -> sender.sendText(group, "go", "from " + sender.userId()));
                }
            }

            List<List<String>> orders = new ArrayList<>();
            for (TestSocket watcher : watchers) {
                List<String> order = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    JsonNode message = watcher.next("message").path("message");
                    order.add(message.path("seq").asLong() + ":" + message.path("id").asString());
                }
                orders.add(order);
            }
            assertThat(orders.get(0)).hasSize(50).doesNotHaveDuplicates();
            assertThat(orders.get(1)).isEqualTo(orders.get(0));
            assertThat(orders.get(2)).isEqualTo(orders.get(0));
            assertThat(orders.get(0).stream().map(entry -> Long.parseLong(entry.split(":")[0])).toList())
                    .isSorted().first().isEqualTo(1L);
        } finally {
            watchers.forEach(TestSocket::close);
        }
    }

    @Test
    void presenceChangesReachContactsAndCanBeAsked() {
        ChatApi ann = user();
        ChatApi bob = user();
        ann.createDirect(bob.userId());
        try (var annSocket = ChatSockets.connect(ann)) {
            var bobSocket = ChatSockets.connect(bob);
            JsonNode online = annSocket.next(frame -> frame.path("type").asString().equals("presence")
                    && frame.path("userId").asString().equals(bob.userId().toString()), "bob's presence");
            assertThat(online.path("status").asString()).isEqualTo("online");

            bobSocket.close();

            JsonNode offline = annSocket.next(frame -> frame.path("type").asString().equals("presence")
                    && frame.path("status").asString().equals("offline"), "bob going offline");
            assertThat(offline.path("lastSeen").asString()).endsWith("Z");
            var asked = ann.get("/api/v1/presence?userIds=" + bob.userId() + "," + ann.userId());
            assertThat(asked.body().path("items").findValuesAsString("status")).containsExactly("offline", "online");
        }
    }

    @Test
    void chatMetricsAreExposedUnderTheirArchitectureNames() {
        ChatApi ann = user();
        UUID chat = ann.createDirect(user().userId());
        try (var socket = ChatSockets.connect(ann)) {
            socket.send(Map.of("type", "send", "conversationId", chat.toString(), "clientId", "m", "body", "count me"));
            socket.next("ack");
        }

        String metrics = ann.get("/metrics").raw().body();

        assertThat(metrics).contains("websocket_connections{", "websocket_messages_total{direction=\"in\"",
                "websocket_messages_total{direction=\"out\"", "messages_total{", "messages_sent_total{channel=\"websocket\"",
                "messages_received_total{", "redis_degraded_mode{");
    }
}
