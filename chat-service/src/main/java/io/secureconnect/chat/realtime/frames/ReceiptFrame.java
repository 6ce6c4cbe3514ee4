package io.secureconnect.chat.realtime.frames;

import java.util.UUID;

import io.secureconnect.common.websocket.ServerFrame;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A member's read and delivered watermarks. */
@JsonTypeName("receipt")
public record ReceiptFrame(UUID conversationId, UUID userId, long readSeq, long deliveredSeq) implements ServerFrame {
}
