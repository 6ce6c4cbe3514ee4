package io.secureconnect.chat.realtime.frames;

import java.util.UUID;

import io.secureconnect.common.websocket.ServerFrame;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A deleted poll: a {@code poll.updated} whose poll is {@code {id, conversationId, deleted: true}}. */
@JsonTypeName("poll.updated")
public record PollDeletedFrame(Gone poll) implements ServerFrame {

    public PollDeletedFrame(UUID conversationId, UUID pollId) {
        this(new Gone(pollId, conversationId, true));
    }

    public record Gone(UUID id, UUID conversationId, boolean deleted) {
    }
}
