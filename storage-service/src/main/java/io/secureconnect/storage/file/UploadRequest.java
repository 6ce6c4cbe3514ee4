package io.secureconnect.storage.file;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import io.secureconnect.common.text.Storable;

/**
 * A client's announcement of a file it is about to upload. {@code sha256} (hex) is checked at completion when
 * given; {@code encrypted} marks client-side end-to-end encryption (the bytes are ciphertext the server never
 * decrypts, so size and checksum are those of the ciphertext); absent means false.
 */
record UploadRequest(@NotBlank @Size(max = 1024) String name,
                     @NotNull @PositiveOrZero Long size,
                     @NotBlank @Size(max = 255) @Storable String contentType,
                     @Pattern(regexp = "^[0-9a-fA-F]{64}$", message = "must be 64 hex characters") String sha256,
                     Boolean encrypted) {

    boolean isEncrypted() {
        return Boolean.TRUE.equals(encrypted);
    }
}
