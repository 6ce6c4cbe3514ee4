package io.secureconnect.auth.passkey;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** A passkey as its owner sees it in the list: the name they gave it, when it was added and last used. */
record Passkey(@Schema(example = "5d8e2f40-7c1b-4a9e-b3d6-0f2a8c4e6b19") UUID id,
               @Schema(example = "Ann's laptop") String name,
               @Schema(example = "2026-11-02T09:14:27Z") Instant createdAt,
               @Schema(description = "Null until first used to sign in", example = "2026-12-01T18:40:05Z",
                       nullable = true) Instant lastUsedAt) {
}
