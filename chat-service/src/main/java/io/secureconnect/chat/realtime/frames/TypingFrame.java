package io.secureconnect.chat.realtime.frames;

import java.util.UUID;

import io.secureconnect.common.websocket.ServerFrame;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A member started or stopped typing; ephemeral (not sent while Redis is degraded). */
@JsonTypeName("typing")
public record TypingFrame(UUID conversationId, UUID userId, boolean typing) implements ServerFrame {
}
