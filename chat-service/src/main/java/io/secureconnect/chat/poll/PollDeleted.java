package io.secureconnect.chat.poll;

import java.util.UUID;

/** A poll its creator deleted, for its conversation's members once committed. */
public record PollDeleted(UUID conversationId, UUID pollId) {
}
