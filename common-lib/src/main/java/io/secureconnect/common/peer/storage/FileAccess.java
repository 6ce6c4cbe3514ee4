package io.secureconnect.common.peer.storage;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How a user may read a file: {@code owner}, or {@code conversation} through the conversation that shares it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileAccess(@NotNull UUID fileId, @NotNull UUID userId, @NotNull String access, UUID conversationId) {
}
