package io.secureconnect.chat.conversation;

import java.util.Collection;
import java.util.UUID;

/**
 * What changed in a conversation ({@code created}, {@code member.added}, {@code updated}, ...), who changed it and
 * what it is now, for {@code audience}: its members and anyone the change concerns (e.g. who was just removed).
 */
public record ConversationChanged(Collection<UUID> audience, String change, UUID actorId, ConversationUpdate conversation) {
}
