package io.secureconnect.chat.message;

import java.util.List;
import java.util.UUID;

/**
 * What a client sends, over REST or WebSocket. {@code clientId} is the client's idempotency key: sending the same
 * one again returns the first message instead of writing a second.
 */
public record SendMessage(UUID conversationId, String clientId, String type, String body, UUID replyTo,
                          List<UUID> attachments) {

    public SendMessage {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
