package io.secureconnect.chat.realtime.frames;

import java.util.UUID;

import io.secureconnect.common.websocket.ServerFrame;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A message deleted for everyone. */
@JsonTypeName("message.deleted")
public record MessageDeletedFrame(UUID conversationId, UUID messageId, long seq) implements ServerFrame {
}
