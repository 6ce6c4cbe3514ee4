package io.secureconnect.common.peer.chat;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** A member of a conversation and their role there ({@code owner}, {@code admin} or {@code member}). */
public record ConversationMember(@NotNull UUID userId, @NotNull String role) {
}
