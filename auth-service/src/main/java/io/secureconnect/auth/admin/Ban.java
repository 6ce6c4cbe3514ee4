package io.secureconnect.auth.admin;

import java.time.Instant;
import java.util.UUID;

/** A user's ban: permanent when {@code until} is null, over once {@code until} has passed. */
record Ban(UUID userId, String reason, UUID bannedBy, Instant bannedAt, Instant until) {

    boolean activeAt(Instant now) {
        return until == null || until.isAfter(now);
    }
}
