package io.secureconnect.video.live;

import java.time.Instant;
import java.util.UUID;

/**
 * A user in a call, through one connection served by one instance. A user is in a call at most once: a newer
 * connection replaces the older one, and removal compares the connection id, so a stale instance or socket can
 * never remove the participant's current connection.
 */
public record Participant(UUID userId, String deviceId, UUID connectionId, String instanceId, Instant joinedAt) {
}
