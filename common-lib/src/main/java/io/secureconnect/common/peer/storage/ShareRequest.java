package io.secureconnect.common.peer.storage;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** Share a file into a conversation, on behalf of {@code sharedBy} (who must be the caller and the owner). */
public record ShareRequest(@NotNull UUID conversationId, @NotNull UUID sharedBy) {
}
