package io.secureconnect.auth.user;

import java.util.UUID;

/** What any logged-in user may see of another: enough to start a conversation, nothing more. */
public record PublicProfile(UUID id, String displayName, UUID avatarFileId) {

    static PublicProfile of(User user) {
        return new PublicProfile(user.id(), user.displayName(), user.avatarFileId());
    }
}
