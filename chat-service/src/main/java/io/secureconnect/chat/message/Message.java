package io.secureconnect.chat.message;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A message as every member sees it (REST body, and the {@code message} of WebSocket frames). A deleted message is
 * a tombstone: {@code deleted} true, no body, no attachments, no reactions.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Message(UUID id, UUID conversationId, long seq, UUID senderId, String clientId, MessageType type,
                      String body, UUID replyTo, List<UUID> attachments, List<Reaction> reactions,
                      Instant createdAt, Instant editedAt, boolean deleted) {

    /** One emoji on a message and who put it there. */
    public record Reaction(String emoji, List<UUID> userIds) {
    }

    Message withReactions(List<Reaction> reactions) {
        return new Message(id, conversationId, seq, senderId, clientId, type, body, replyTo, attachments, reactions,
                createdAt, editedAt, deleted);
    }
}
