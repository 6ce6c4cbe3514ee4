package io.secureconnect.auth.user;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An account. The password hash never leaves auth-service; the avatar is a file id in storage-service;
 * {@code findableByEmail} is the owner's choice whether others may find it by its exact (verified) email.
 */
public record User(UUID id, String email, String displayName, String passwordHash, boolean emailVerified,
                   List<String> roles, Instant createdAt, UUID avatarFileId, boolean findableByEmail) {

    /**
     * The password hash of an account without a password (made by single sign-on; a deleted account gets it too):
     * no real hash has this form, so no password matches it.
     */
    public static final String NO_PASSWORD = "!";

    public boolean hasPassword() {
        return passwordHash != null && !NO_PASSWORD.equals(passwordHash);
    }
}
