package io.secureconnect.chat.push;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A device registered for push. The provider token is never shown back: whoever holds it can push to the user. */
public record Device(UUID id, @JsonIgnore UUID userId, String deviceId, Platform platform, @JsonIgnore String token,
                     Instant createdAt) {
}
