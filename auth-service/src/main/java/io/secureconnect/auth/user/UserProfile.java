package io.secureconnect.auth.user;

import java.util.UUID;

/**
 * What a client sees of its own account (the minimum API contract's user shape), with its privacy setting: whether
 * others may find it by its exact email once verified.
 */
public record UserProfile(UUID id, String email, String displayName, boolean emailVerified, UUID avatarFileId,
                          boolean findableByEmail) {

    public static UserProfile of(User user) {
        return new UserProfile(user.id(), user.email(), user.displayName(), user.emailVerified(), user.avatarFileId(),
                user.findableByEmail());
    }
}
