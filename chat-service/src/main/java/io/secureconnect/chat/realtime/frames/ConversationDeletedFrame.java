package io.secureconnect.chat.realtime.frames;

import java.util.UUID;

import io.secureconnect.common.websocket.ServerFrame;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A deleted group: a {@code conversation.updated} of change {@code deleted} whose conversation is {@code {id, deleted: true}}. */
@JsonTypeName("conversation.updated")
public record ConversationDeletedFrame(String change, UUID actorId, Gone conversation) implements ServerFrame {

    public ConversationDeletedFrame(UUID actorId, UUID conversationId) {
        this("deleted", actorId, new Gone(conversationId, true));
    }

    public record Gone(UUID id, boolean deleted) {
    }
}
