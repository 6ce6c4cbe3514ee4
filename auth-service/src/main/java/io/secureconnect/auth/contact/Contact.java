package io.secureconnect.auth.contact;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** Someone in a user's contacts, since the request between them was accepted. */
record Contact(@Schema(example = "0b9d6f3a-2c4e-4f8a-9e1d-7a5c3b2e1f90") UUID userId,
               @Schema(example = "Ben Okafor") String displayName,
               @Schema(description = "When the request between you was accepted", example = "2026-12-06T18:03:12Z")
               Instant since) {
}
