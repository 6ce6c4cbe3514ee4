package io.secureconnect.chat.realtime.frames;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.chat.conversation.ConversationType;
import io.secureconnect.chat.conversation.ConversationUpdate;
import io.secureconnect.chat.conversation.Member;
import io.secureconnect.chat.conversation.Role;
import io.secureconnect.chat.message.Message;
import io.secureconnect.chat.message.MessageType;
import io.secureconnect.chat.notification.Notification;
import io.secureconnect.chat.notification.NotificationKind;
import io.secureconnect.chat.realtime.ServerFrames;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The frame records write exactly the JSON that the maps of {@link ServerFrames} wrote before them (clients of
 * docs/chat-protocol.md see no change): same type, same members in the same order, null members left out.
 */
class FrameRecordsUnitTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final UUID CONVERSATION = UUID.fromString("0190f3a0-0000-7000-8000-000000000001");
    private static final UUID MESSAGE = UUID.fromString("0190f3a0-0000-7000-8000-000000000002");
    private static final UUID USER = UUID.fromString("0190f3a0-0000-7000-8000-000000000003");
    private static final Instant AT = Instant.parse("2026-12-07T10:15:30.123Z");

    @Test
    void aMessageFrameIsWrittenAsTheMapItReplaced() {
        Message message = new Message(MESSAGE, CONVERSATION, 7, USER, "c-1", MessageType.TEXT, "hello", null, List.of(),
                List.of(new Message.Reaction("👍", List.of(USER))), AT, null, false);

        assertSameJson(new MessageFrame(message), ServerFrames.frame("message", "message", message));
        assertSameJson(new MessageEditedFrame(message), ServerFrames.frame("message.edited", "message", message));
        assertThat(JSON.writeValueAsString(new MessageFrame(message)))
                .startsWith("{\"type\":\"message\",\"message\":{\"id\":\"" + MESSAGE + "\"")
                .doesNotContain("replyTo").doesNotContain("editedAt");
    }

    @Test
    void aReactionFrameIsWrittenAsTheMapItReplaced() {
        assertSameJson(new ReactionFrame(CONVERSATION, MESSAGE, USER, "👍", "added"), ServerFrames.frame("reaction",
                "conversationId", CONVERSATION, "messageId", MESSAGE, "userId", USER, "emoji", "👍", "action", "added"));
        assertThat(JSON.writeValueAsString(new ReactionFrame(CONVERSATION, MESSAGE, USER, "👍", "removed")))
                .isEqualTo("{\"type\":\"reaction\",\"conversationId\":\"" + CONVERSATION + "\",\"messageId\":\"" + MESSAGE
                        + "\",\"userId\":\"" + USER + "\",\"emoji\":\"👍\",\"action\":\"removed\"}");
    }

    @Test
    void deletionReceiptAndKeyFramesAreWrittenAsTheMapsTheyReplaced() {
        assertSameJson(new MessageDeletedFrame(CONVERSATION, MESSAGE, 7), ServerFrames.frame("message.deleted",
                "conversationId", CONVERSATION, "messageId", MESSAGE, "seq", 7L));
        assertSameJson(new ReceiptFrame(CONVERSATION, USER, 5, 7), ServerFrames.frame("receipt",
                "conversationId", CONVERSATION, "userId", USER, "readSeq", 5L, "deliveredSeq", 7L));
        assertSameJson(new KeysChangedFrame(USER, "phone", "added"), ServerFrames.frame("keys.changed",
                "userId", USER, "deviceId", "phone", "change", "added"));
        assertSameJson(new KeysLowFrame("phone", 10), ServerFrames.frame("keys.low", "deviceId", "phone",
                "keyPackages", 10));
    }

    @Test
    void aPresenceFrameLeavesOutAHiddenLastSeen() {
        assertSameJson(new PresenceFrame(USER, "online", null), ServerFrames.frame("presence",
                "userId", USER, "status", "online", "lastSeen", null));
        assertSameJson(new PresenceFrame(USER, "offline", AT), ServerFrames.frame("presence",
                "userId", USER, "status", "offline", "lastSeen", AT));
        assertThat(JSON.writeValueAsString(new PresenceFrame(USER, "online", null)))
                .isEqualTo("{\"type\":\"presence\",\"userId\":\"" + USER + "\",\"status\":\"online\"}");
    }

    @Test
    void notificationFramesAreWrittenAsTheMapsTheyReplaced() {
        Notification notification = new Notification(MESSAGE, NotificationKind.MENTION, false, AT, CONVERSATION, USER,
                Map.of("messageId", MESSAGE));

        assertSameJson(new NotificationFrame(notification, 3), ServerFrames.frame("notification",
                "notification", notification, "unreadCount", 3L));
        assertSameJson(new UnreadCountFrame(0), ServerFrames.frame("notifications.unread", "unreadCount", 0L));
    }

    @Test
    void conversationAndPollFramesAreWrittenAsTheMapsTheyReplaced() {
        ConversationUpdate group = new ConversationUpdate(CONVERSATION, ConversationType.GROUP, "team", null, false, null,
                4, List.of(new Member(USER, Role.OWNER)));

        assertSameJson(new ConversationUpdatedFrame("member.added", USER, group), ServerFrames.frame(
                "conversation.updated", "change", "member.added", "actorId", USER, "conversation", group));
        assertThat(JSON.writeValueAsString(new ConversationDeletedFrame(USER, CONVERSATION)))
                .isEqualTo("{\"type\":\"conversation.updated\",\"change\":\"deleted\",\"actorId\":\"" + USER
                        + "\",\"conversation\":{\"id\":\"" + CONVERSATION + "\",\"deleted\":true}}");
        assertThat(JSON.writeValueAsString(new PollDeletedFrame(CONVERSATION, MESSAGE)))
                .isEqualTo("{\"type\":\"poll.updated\",\"poll\":{\"id\":\"" + MESSAGE + "\",\"conversationId\":\""
                        + CONVERSATION + "\",\"deleted\":true}}");
    }

    private static void assertSameJson(Object frame, Map<String, Object> replaced) {
        assertThat(JSON.writeValueAsString(frame)).isEqualTo(JSON.writeValueAsString(replaced));
    }
}
