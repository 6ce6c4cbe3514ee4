package io.secureconnect.common.peer.storage;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** A grant: members of the conversation may read the file while a message there carries it. */
public record FileShare(@NotNull UUID fileId, @NotNull UUID conversationId, @NotNull UUID sharedBy,
                        @NotNull Instant sharedAt) {
}
