package io.secureconnect.chat.keys;

import java.time.Instant;
import java.util.UUID;

/** A KeyPackage (by its ref) the directory handed out to {@code claimedBy} for a conversation. */
public record ClaimedKeyPackage(String ref, UUID userId, String deviceId, UUID conversationId, UUID claimedBy,
                                Instant claimedAt) {
}
