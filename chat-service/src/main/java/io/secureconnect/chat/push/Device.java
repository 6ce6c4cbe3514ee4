package io.secureconnect.chat.push;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.media.Schema;

/** A device registered for push. The provider token is never shown back: whoever holds it can push to the user. */
@Schema(name = "PushDevice")
public record Device(@Schema(example = "0193a5e2-4c5d-7e6f-8a9b-0c1d2e3f4a5b") UUID id, @JsonIgnore UUID userId,
                     @Schema(example = "pixel-8-4f2a") String deviceId, @Schema(example = "fcm") Platform platform,
                     @JsonIgnore String token, @Schema(example = "2026-12-07T20:15:00Z") Instant createdAt) {
}
