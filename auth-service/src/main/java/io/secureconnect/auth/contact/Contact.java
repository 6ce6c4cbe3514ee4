package io.secureconnect.auth.contact;

import java.time.Instant;
import java.util.UUID;

/** Someone in a user's contacts, since the request between them was accepted. */
record Contact(UUID userId, String displayName, Instant since) {
}
