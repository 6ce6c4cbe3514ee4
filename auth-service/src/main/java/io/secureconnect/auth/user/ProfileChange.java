package io.secureconnect.auth.user;

import java.util.UUID;

import jakarta.validation.constraints.Size;

import io.secureconnect.common.text.Storable;

/**
 * A change to one's own profile: only what is given changes; an avatar is the id of an image file uploaded to
 * storage-service; {@code findableByEmail} false hides the account from lookups by its exact email.
 */
record ProfileChange(@Size(min = 1, max = 64) @Storable String displayName, UUID avatarFileId, Boolean findableByEmail) {
}
