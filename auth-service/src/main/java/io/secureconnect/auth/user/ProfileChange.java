package io.secureconnect.auth.user;

import java.util.UUID;

import jakarta.validation.constraints.Size;

import io.secureconnect.common.text.Storable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A change to one's own profile: only what is given changes; an avatar is the id of an image file uploaded to
 * storage-service; {@code findableByEmail} false hides the account from lookups by its exact email.
 */
record ProfileChange(@Schema(example = "Ann Lee") @Size(min = 1, max = 64) @Storable String displayName,
                     @Schema(description = "The id of an image uploaded to storage-service",
                             example = "de04b84d-248a-44f8-b087-4423ad03d565") UUID avatarFileId,
                     @Schema(example = "false") Boolean findableByEmail) {
}
