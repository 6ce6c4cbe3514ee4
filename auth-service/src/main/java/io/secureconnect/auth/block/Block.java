package io.secureconnect.auth.block;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** A user on someone's block list, with the reason they gave (if any). */
record Block(@Schema(example = "0b9d6f3a-2c4e-4f8a-9e1d-7a5c3b2e1f90") UUID userId,
             @Schema(example = "Ben Okafor") String displayName,
             @Schema(example = "Unwanted messages", nullable = true) String reason,
             @Schema(example = "2026-12-05T21:47:09Z") Instant createdAt) {
}
