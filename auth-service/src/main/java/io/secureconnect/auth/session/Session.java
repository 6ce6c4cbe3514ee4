package io.secureconnect.auth.session;

import java.time.Instant;
import java.util.UUID;

/**
 * One login of one device. Refreshing rotates its token but keeps the session (its id is the token family), so
 * revoking the session ends every access and refresh token it ever issued.
 */
record Session(UUID id, UUID userId, UUID familyId, String deviceName, String userAgent, String ip,
               Instant createdAt, Instant lastUsedAt, Instant expiresAt, Instant revokedAt) {

    boolean isActive(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }
}
