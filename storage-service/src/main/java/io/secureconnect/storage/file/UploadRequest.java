package io.secureconnect.storage.file;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import io.secureconnect.common.text.Storable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A client's announcement of a file it is about to upload. {@code sha256} (hex) is checked at completion when
 * given; {@code encrypted} marks client-side end-to-end encryption (the bytes are ciphertext the server never
 * decrypts, so size and checksum are those of the ciphertext); absent means false.
 */
record UploadRequest(@Schema(description = "The file's name as people see it", example = "quarterly-report.pdf")
                     @NotBlank @Size(max = 1024) String name,
                     @Schema(description = "Exactly how many bytes will be uploaded", example = "482133")
                     @NotNull @PositiveOrZero Long size,
                     @Schema(description = "One of the deployment's allowed types; application/octet-stream for"
                             + " anything else", example = "application/pdf")
                     @NotBlank @Size(max = 255) @Storable String contentType,
                     @Schema(description = "The SHA-256 of the bytes, in hex; when given, completion checks it",
                             example = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                             nullable = true)
                     @Pattern(regexp = "^[0-9a-fA-F]{64}$", message = "must be 64 hex characters") String sha256,
                     @Schema(description = "The bytes are end-to-end encrypted by the client (size and checksum are"
                             + " the ciphertext's); absent means false", example = "false", nullable = true)
                     Boolean encrypted) {

    boolean isEncrypted() {
        return Boolean.TRUE.equals(encrypted);
    }
}
