package io.secureconnect.chat.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.chat.push.PushIntegrationTest;
import io.secureconnect.chat.support.ChatApi;
import io.secureconnect.chat.support.ChatSockets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class NotificationInboxIntegrationTest extends PushIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    private Notifications notifications;

    @Autowired
    private InboxRetention retention;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void aMentionLandsInTheMentionedMembersInboxOnly() {
        ChatApi ann = user();
        ChatApi bob = user();
        ChatApi carol = user();
        UUID group = ann.createGroup("team", bob.userId(), carol.userId());

        String messageId = ann.sendText(group, "m", "@" + bob.userId() + " please look, and @" + ann.userId()
                + " and @" + UUID.randomUUID()).body().path("id").asString();

        JsonNode inbox = awaitInbox(bob, 1);
        JsonNode mention = inbox.path("items").get(0);
        assertThat(mention.path("kind").asString()).isEqualTo("mention");
        assertThat(mention.path("read").asBoolean()).isFalse();
        assertThat(mention.path("createdAt").asString()).endsWith("Z");
        assertThat(mention.path("conversationId").asString()).isEqualTo(group.toString());
        assertThat(mention.path("actorId").asString()).isEqualTo(ann.userId().toString());
        assertThat(mention.path("data").path("messageId").asString()).isEqualTo(messageId);
        assertThat(mention.toString()).doesNotContain("please look");
        assertThat(inbox.path("unreadCount").asLong()).isEqualTo(1);
        assertThat(inbox.has("nextCursor")).isTrue();
        assertThat(ann.get("/api/v1/notifications").body().path("items")).isEmpty();
        assertThat(carol.get("/api/v1/notifications").body().path("items")).isEmpty();
    }

    /** S4: in a group shared from before a block, the blocked sender's mentions do not reach the blocker. */
    @Test
    void aBlockedSendersMentionsDoNotReachTheBlockerInASharedGroup() {
        ChatApi ann = user();
        ChatApi bob = user();
        ChatApi carol = user();
        UUID group = ann.createGroup("team", bob.userId(), carol.userId());
        peers.block(carol.userId(), ann.userId());

        ann.sendText(group, "m", "@" + carol.userId() + " and @" + bob.userId() + " look");

        awaitInbox(bob, 1);
        bob.sendText(group, "n", "@" + carol.userId() + " from Bob");
        JsonNode carolsInbox = awaitInbox(carol, 1);
        assertThat(carolsInbox.path("items")).hasSize(1);
        assertThat(carolsInbox.path("items").get(0).path("actorId").asString()).isEqualTo(bob.userId().toString());
    }

    @Test
    void aReplyNotifiesTheAuthorOfTheMessageRepliedTo() {
        ChatApi ann = user();
        ChatApi bob = user();
        UUID chat = ann.createDirect(bob.userId());
        String question = bob.sendText(chat, "q", "lunch?").body().path("id").asString();

        ann.post("/api/v1/conversations/" + chat + "/messages",
                Map.of("clientId", "a", "type", "text", "body", "yes", "replyTo", question));

        JsonNode reply = awaitInbox(bob, 1).path("items").get(0);
        assertThat(reply.path("kind").asString()).isEqualTo("reply");
        assertThat(reply.path("actorId").asString()).isEqualTo(ann.userId().toString());
    }

    @Test
    void openClientsSeeNewNotificationsLive() {
        ChatApi ann = user();
        ChatApi bob = user();
        UUID group = ann.createGroup("live", bob.userId());

        try (var bobSocket = ChatSockets.connect(bob)) {
            ann.sendText(group, "m", "hey @" + bob.userId());

            JsonNode frame = bobSocket.next("notification");
            assertThat(frame.path("notification").path("kind").asString()).isEqualTo("mention");
            assertThat(frame.path("unreadCount").asLong()).isEqualTo(1);
        }
    }

    @Test
    void notificationsAreMarkedReadOneByOneOrAllAndDeleted() {
        ChatApi bob = user();
        UUID first = record(bob, NotificationKind.FRIEND_REQUEST);
        UUID second = record(bob, NotificationKind.MISSED_CALL);
        UUID third = record(bob, NotificationKind.POLL_RESULT);

        var read = bob.post("/api/v1/notifications/" + first + "/read", Map.of());
        long afterOne = bob.get("/api/v1/notifications/unread-count").body().path("unreadCount").asLong();
        var deleted = bob.delete("/api/v1/notifications/" + second);
        var all = bob.post("/api/v1/notifications/read-all", Map.of());
        JsonNode inbox = bob.get("/api/v1/notifications").body();

        assertThat(read.status()).isEqualTo(204);
        assertThat(afterOne).isEqualTo(2);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(all.status()).isEqualTo(204);
        assertThat(inbox.path("unreadCount").asLong()).isZero();
        assertThat(inbox.path("items")).map(item -> item.path("id").asString())
                .containsExactly(third.toString(), first.toString());
        assertThat(inbox.path("items")).allMatch(item -> item.path("read").asBoolean());
    }

    @Test
    void theInboxPagesNewestFirstAndFiltersUnread() {
        ChatApi bob = user();
        for (int i = 0; i < 5; i++) {
            record(bob, NotificationKind.FRIEND_REQUEST);
        }
        UUID newest = record(bob, NotificationKind.MISSED_CALL);
        bob.post("/api/v1/notifications/" + newest + "/read", Map.of());

        JsonNode first = bob.get("/api/v1/notifications?limit=4").body();
        JsonNode second = bob.get("/api/v1/notifications?limit=4&cursor=" + first.path("nextCursor").asString()).body();
        JsonNode unread = bob.get("/api/v1/notifications?unread=true&limit=10").body();

        assertThat(first.path("items")).hasSize(4);
        assertThat(first.path("items").get(0).path("id").asString()).isEqualTo(newest.toString());
        assertThat(second.path("items")).hasSize(2);
        assertThat(second.path("nextCursor").isNull()).isTrue();
        assertThat(unread.path("items")).hasSize(5).noneMatch(item -> item.path("read").asBoolean());
        assertThat(bob.get("/api/v1/notifications?cursor=nonsense").status()).isEqualTo(400);
        assertThat(bob.get("/api/v1/notifications?limit=0").status()).isEqualTo(400);
    }

    @Test
    void anotherUsersNotificationIsNotFoundAndTheAttemptIsAudited() {
        ChatApi bob = user();
        ChatApi mallory = user();
        UUID id = record(bob, NotificationKind.FRIEND_REQUEST);

        var read = mallory.post("/api/v1/notifications/" + id + "/read", Map.of());
        var deleted = mallory.delete("/api/v1/notifications/" + id);

        assertThat(read.status()).isEqualTo(404);
        assertThat(read.code()).isEqualTo("NOTIFICATION_NOT_FOUND");
        assertThat(deleted.status()).isEqualTo(404);
        assertThat(audit.denials("notification:" + id)).hasSize(2);
        assertThat(bob.get("/api/v1/notifications/unread-count").body().path("unreadCount").asLong()).isEqualTo(1);
    }

    @Test
    void recordedNotificationsArePushedWithoutContentToUsersWithNoOpenSocket() {
        ChatApi bob = user();
        String phone = registerDevice(bob, "fcm");
        UUID caller = UUID.randomUUID();

        notifications.record(bob.userId(), NotificationKind.MISSED_CALL,
                Map.of("actorId", caller, "callId", UUID.randomUUID().toString(), "media", "video"));

        await().atMost(WAIT).until(() -> providers.accepted(phone).size() == 1);
        JsonNode push = providers.accepted(phone).getFirst().body().path("message");
        assertThat(push.path("notification").path("title").asString()).isEqualTo("Missed call");
        assertThat(push.path("data").path("kind").asString()).isEqualTo("missed_call");
        JsonNode item = bob.get("/api/v1/notifications").body().path("items").get(0);
        assertThat(item.path("actorId").asString()).isEqualTo(caller.toString());
        assertThat(item.path("data").path("media").asString()).isEqualTo("video");
        assertThat(push.path("data").path("notificationId").asString()).isEqualTo(item.path("id").asString());
    }

    @Test
    void pollResultsReachEveryMemberAndArePushedOnlyToThoseWithNoOpenSocket() {
        ChatApi ann = user();
        ChatApi bob = user();
        ChatApi carol = user();
        String bobsIphone = registerDevice(bob, "apns");
        String carolsIphone = registerDevice(carol, "apns");
        UUID group = ann.createGroup("vote", bob.userId(), carol.userId());
        String pollId = UUID.randomUUID().toString();

        try (var carolOnline = ChatSockets.connect(carol)) {
            notifications.recordForAll(List.of(bob.userId(), carol.userId()), NotificationKind.POLL_RESULT,
                    Map.of("conversationId", group, "actorId", ann.userId(), "pollId", pollId));

            assertThat(carolOnline.next("notification").path("notification").path("kind").asString()).isEqualTo("poll_result");
            await().atMost(WAIT).until(() -> providers.accepted(bobsIphone).size() == 1);
            awaitPushesSettled();
        }
        assertThat(providers.requests(carolsIphone)).isEmpty();
        JsonNode push = providers.accepted(bobsIphone).getFirst().body();
        assertThat(push.path("aps").path("alert").path("title").asString()).isEqualTo("Poll results");
        assertThat(push.path("conversationId").asString()).isEqualTo(group.toString());
        JsonNode item = bob.get("/api/v1/notifications").body().path("items").get(0);
        assertThat(item.path("kind").asString()).isEqualTo("poll_result");
        assertThat(item.path("data").path("pollId").asString()).isEqualTo(pollId);
    }

    @Test
    void anEventEveryInstanceHearsIsRecordedAndPushedOnce() {
        ChatApi bob = user();
        String phone = registerDevice(bob, "fcm");
        String callId = UUID.randomUUID().toString();
        Map<String, Object> missed = Map.of("callId", callId, "actorId", UUID.randomUUID());

        boolean first = notifications.recordOnce(callId, List.of(bob.userId()), NotificationKind.MISSED_CALL, missed);
        boolean second = notifications.recordOnce(callId, List.of(bob.userId()), NotificationKind.MISSED_CALL, missed);

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        await().atMost(WAIT).until(() -> providers.accepted(phone).size() == 1);
        awaitPushesSettled();
        assertThat(providers.requests(phone)).hasSize(1);
        assertThat(bob.get("/api/v1/notifications").body().path("items")).hasSize(1);
    }

    @Test
    void notificationsOlderThanTheRetentionAreDeleted() {
        ChatApi bob = user();
        UUID recent = record(bob, NotificationKind.FRIEND_REQUEST);
        Instant longAgo = Instant.now().minus(Duration.ofDays(91));
        UUID old = new UUID((longAgo.toEpochMilli() << 16) | 0x7123L, 0x8000_0000_0000_0001L);
        jdbc.sql("INSERT INTO notifications (id, user_id, kind, created_at) VALUES (:id, :u, 'missed_call', :at)")
                .param("id", old).param("u", bob.userId()).param("at", Timestamp.from(longAgo)).update();

        retention.deleteExpired();

        assertThat(bob.get("/api/v1/notifications").body().path("items")).map(item -> item.path("id").asString())
                .containsExactly(recent.toString());
    }

    private UUID record(ChatApi user, NotificationKind kind) {
        return notifications.record(user.userId(), kind, Map.of("source", "test")).id();
    }

    private static JsonNode awaitInbox(ChatApi user, int items) {
        await().atMost(WAIT).until(() -> user.get("/api/v1/notifications").body().path("items").size() >= items);
        return user.get("/api/v1/notifications").body();
    }
}
