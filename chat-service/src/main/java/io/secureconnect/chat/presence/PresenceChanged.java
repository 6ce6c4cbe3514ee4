package io.secureconnect.chat.presence;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/**
 * The net change of a user's status, for {@code audience} (their direct partners); ephemeral, so it is dropped rather
 * than delivered late. {@code lastSeen} is null when the user hides it or is online.
 */
public record PresenceChanged(Collection<UUID> audience, UUID userId, String status, Instant lastSeen) {
}
