package io.secureconnect.auth.sso;

import java.time.Instant;
import java.util.UUID;

/** An account's identity at a provider: the provider's {@code sub} for the person, and the email it gave. */
record LinkedIdentity(UUID userId, String provider, String subject, String email, Instant linkedAt) {
}
