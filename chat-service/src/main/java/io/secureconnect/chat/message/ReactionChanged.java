package io.secureconnect.chat.message;

import java.util.UUID;

/** A member's reaction added to or taken from a message, for every member of the conversation once committed. */
public record ReactionChanged(UUID conversationId, UUID messageId, UUID userId, String emoji, boolean added) {
}
