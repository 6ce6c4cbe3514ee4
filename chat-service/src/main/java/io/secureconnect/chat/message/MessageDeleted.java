package io.secureconnect.chat.message;

import java.util.UUID;

/** A message deleted for everyone, for every member of its conversation once committed. */
public record MessageDeleted(UUID conversationId, UUID messageId, long seq) {
}
