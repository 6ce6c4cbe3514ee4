package io.secureconnect.chat.realtime.frames;

import java.util.UUID;

import io.secureconnect.common.websocket.ServerFrame;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A reaction {@code added} or {@code removed}. */
@JsonTypeName("reaction")
public record ReactionFrame(UUID conversationId, UUID messageId, UUID userId, String emoji, String action) implements ServerFrame {
}
