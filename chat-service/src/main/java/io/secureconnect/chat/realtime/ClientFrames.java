package io.secureconnect.chat.realtime;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.secureconnect.chat.message.SendMessage;
import io.secureconnect.common.websocket.ClientFrame;
import io.secureconnect.common.websocket.InvalidFrame;

/** What a client may send on {@code /ws/chat} (docs/chat-protocol.md): one record per frame type. */
final class ClientFrames {

    static final String PROTOCOL = "docs/chat-protocol.md";

    static final Map<String, Class<? extends ClientFrame>> TYPES = Map.of(
            "send", Send.class, "edit", Edit.class, "delete", Delete.class, "react", React.class,
            "typing", Typing.class, "read", Read.class, "sync", Sync.class, "ping", Ping.class, "auth", Auth.class);

    private ClientFrames() {
    }

    /** A new message; its {@code clientId} names it in the {@code ack} (and makes a repeated send harmless). */
    record Send(UUID conversationId, String clientId, String messageType, String body, UUID replyTo,
                List<UUID> attachments) implements ClientFrame {
        Send {
            InvalidFrame.require(conversationId, "conversationId");
            attachments = attachments == null ? List.of() : attachments;
            if (attachments.stream().anyMatch(Objects::isNull)) {
                throw new InvalidFrame("attachments must be UUIDs.");
            }
        }

        SendMessage command() {
            return new SendMessage(conversationId, clientId, messageType, body, replyTo, attachments);
        }
    }

    record Edit(UUID conversationId, UUID messageId, String body) implements ClientFrame {
        Edit {
            InvalidFrame.require(conversationId, "conversationId");
            InvalidFrame.require(messageId, "messageId");
        }
    }

    record Delete(UUID conversationId, UUID messageId) implements ClientFrame {
        Delete {
            InvalidFrame.require(conversationId, "conversationId");
            InvalidFrame.require(messageId, "messageId");
        }
    }

    /** Adds a reaction, or takes it back with {@code remove: true}. */
    record React(UUID conversationId, UUID messageId, String emoji, Boolean remove) implements ClientFrame {
        React {
            InvalidFrame.require(conversationId, "conversationId");
            InvalidFrame.require(messageId, "messageId");
            remove = remove != null && remove;
        }
    }

    /** Started ({@code typing} absent or true) or stopped typing. */
    record Typing(UUID conversationId, Boolean typing) implements ClientFrame {
        Typing {
            InvalidFrame.require(conversationId, "conversationId");
            typing = typing == null || typing;
        }
    }

    /** Read up to {@code seq}; delivered up to {@code deliveredSeq}, which is {@code seq} unless given. */
    record Read(UUID conversationId, Long seq, Long deliveredSeq) implements ClientFrame {
        Read {
            if (seq == null || seq < 0) {
                throw new InvalidFrame("seq must be a sequence number.");
            }
            InvalidFrame.require(conversationId, "conversationId");
            deliveredSeq = deliveredSeq == null ? seq : deliveredSeq;
        }
    }

    /** Replays what the client missed: for each conversation, the last sequence number it has (none: 0). */
    record Sync(Map<UUID, Long> after) implements ClientFrame {
        Sync {
            after = after == null ? Map.of() : after;
        }
    }

    /** A heartbeat; {@code status: "away"} keeps the user present but away. */
    record Ping(String status, String ref) implements ClientFrame {
    }

    /** A fresh access token for a long-lived socket, before the old one expires; the same user's. */
    record Auth(String token) implements ClientFrame {
        Auth {
            InvalidFrame.require(token, "token");
        }
    }
}
