package io.secureconnect.chat.message;

import java.util.List;
import java.util.UUID;

import io.secureconnect.common.security.Caller;

/**
 * New messages of one conversation, in their seq order, raised when they are stored: its listeners act once they are
 * committed (a member must never see a message that a rollback takes back). {@code memberIds} are who hear of them.
 */
public record MessagesPosted(UUID conversationId, List<UUID> memberIds, List<Message> messages, Caller sender) {
}
