package io.secureconnect.common.peer.auth;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The users the caller asks about, at most 1,000 in one question. */
public record RelationsQuery(@NotNull @Size(min = 1, max = 1000) List<@NotNull UUID> userIds) {
}
