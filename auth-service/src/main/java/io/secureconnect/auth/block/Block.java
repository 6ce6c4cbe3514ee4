package io.secureconnect.auth.block;

import java.time.Instant;
import java.util.UUID;

/** A user on someone's block list, with the reason they gave (if any). */
record Block(UUID userId, String displayName, String reason, Instant createdAt) {
}
