package io.secureconnect.auth.session;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One login of one device. Refreshing rotates its token but keeps the session (its id is the token family), so
 * revoking the session ends every access and refresh token it ever issued. {@code amr} says how it was
 * authenticated (RFC 8176), and every access token it issues carries it.
 */
public record Session(UUID id, UUID userId, UUID familyId, String deviceName, String userAgent, String ip,
                      Instant createdAt, Instant lastUsedAt, Instant expiresAt, Instant revokedAt, List<String> amr) {

    public Session {
        amr = List.copyOf(amr);
    }

    public boolean isActive(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }
}
