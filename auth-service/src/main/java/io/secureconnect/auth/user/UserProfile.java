package io.secureconnect.auth.user;

import java.util.UUID;

/** What a client sees of an account (the minimum API contract's user shape). */
public record UserProfile(UUID id, String email, String displayName, boolean emailVerified, UUID avatarFileId) {

    public static UserProfile of(User user) {
        return new UserProfile(user.id(), user.email(), user.displayName(), user.emailVerified(), user.avatarFileId());
    }
}
