package io.secureconnect.storage.file;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** A file as its owner sees it. */
record FileView(@Schema(example = "0190f3b4-6c5d-7e8f-9a0b-1c2d3e4f5a6b") UUID id,
                @Schema(example = "quarterly-report.pdf") String name,
                @Schema(description = "In bytes (of the ciphertext when encrypted)", example = "482133") long size,
                @Schema(example = "application/pdf") String contentType,
                @Schema(description = "`pending` until the upload is completed", allowableValues = {"pending", "ready"},
                        example = "ready") String status,
                @Schema(description = "End-to-end encrypted by the client", example = "false") boolean encrypted,
                @Schema(description = "The SHA-256 announced (hex), when one was", nullable = true,
                        example = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08") String sha256,
                @Schema(example = "2026-12-07T20:15:00Z") Instant createdAt,
                @Schema(nullable = true, example = "2026-12-07T20:15:42Z") Instant completedAt) {

    static FileView of(StoredFile file) {
        return new FileView(file.id(), file.name(), file.size(), file.contentType(), file.status().name(),
                file.encrypted(), file.sha256(), file.createdAt(), file.completedAt());
    }
}
