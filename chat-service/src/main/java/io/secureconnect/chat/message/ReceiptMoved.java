package io.secureconnect.chat.message;

import java.util.UUID;

/** A member's read and delivered watermarks after they moved, for every member of the conversation. */
public record ReceiptMoved(UUID conversationId, UUID userId, long readSeq, long deliveredSeq) {
}
