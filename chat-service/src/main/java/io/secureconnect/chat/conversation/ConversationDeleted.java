package io.secureconnect.chat.conversation;

import java.util.Collection;
import java.util.UUID;

/** A group its owner deleted, for those who were its members. */
public record ConversationDeleted(Collection<UUID> memberIds, UUID actorId, UUID conversationId) {
}
