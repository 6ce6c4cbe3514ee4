package io.secureconnect.auth.session;

import java.time.Instant;
import java.util.UUID;

/** One login of one device; refreshing keeps the family and replaces the token hash. */
record Session(UUID id, UUID userId, UUID familyId, String deviceName, String userAgent, String ip,
               Instant createdAt, Instant lastUsedAt, Instant expiresAt, Instant revokedAt) {
}
