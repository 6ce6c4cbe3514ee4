package io.secureconnect.common.peer.auth;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/**
 * How the caller stands with one user who has an account. Boxed so that a missing member is refused, not "false"
 * (which would read as "not blocked").
 */
public record Relation(@NotNull UUID userId, @NotNull Boolean contact, @NotNull Boolean blocked) {
}
