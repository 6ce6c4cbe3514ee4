package io.secureconnect.auth.block;

import java.util.UUID;

/** {@code blocker} blocked {@code blocked}; published inside the block's transaction. */
public record UserBlocked(UUID blocker, UUID blocked) {
}
