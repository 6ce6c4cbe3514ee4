package io.secureconnect.auth.passkey;

import java.time.Instant;
import java.util.UUID;

/** A passkey as its owner sees it in the list: the name they gave it, when it was added and last used. */
record Passkey(UUID id, String name, Instant createdAt, Instant lastUsedAt) {
}
