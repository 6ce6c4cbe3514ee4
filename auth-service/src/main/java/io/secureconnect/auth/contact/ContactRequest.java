package io.secureconnect.auth.contact;

import java.time.Instant;
import java.util.UUID;

/** A pending friend request; {@code otherName} is the display name of the side the reader is not (empty if unread). */
record ContactRequest(UUID id, UUID requesterId, UUID addresseeId, String otherName, Instant createdAt) {
}
