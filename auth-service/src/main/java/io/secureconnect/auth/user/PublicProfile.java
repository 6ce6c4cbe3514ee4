package io.secureconnect.auth.user;

import java.util.UUID;

/**
 * What any logged-in user may see of another: enough to start a conversation, and whether the account has proved
 * it holds its email address (S9: an unverified account may be someone using another person's address).
 */
public record PublicProfile(UUID id, String displayName, UUID avatarFileId, boolean emailVerified) {

    static PublicProfile of(User user) {
        return new PublicProfile(user.id(), user.displayName(), user.avatarFileId(), user.emailVerified());
    }
}
