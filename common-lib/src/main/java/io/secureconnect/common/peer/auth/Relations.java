package io.secureconnect.common.peer.auth;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The answer to a {@link RelationsQuery}: one item per user asked about who has an account. */
public record Relations(@NotNull List<@NotNull @Valid Relation> items) {
}
