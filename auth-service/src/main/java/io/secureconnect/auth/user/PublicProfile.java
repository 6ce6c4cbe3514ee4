package io.secureconnect.auth.user;

import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What any logged-in user may see of another: enough to start a conversation, and whether the account has proved
 * it holds its email address (S9: an unverified account may be someone using another person's address).
 */
public record PublicProfile(@Schema(example = "60dff14a-2bd2-49f9-afac-c5f264a67f91") UUID id,
                            @Schema(example = "Bob Marsh") String displayName,
                            @Schema(description = "An image file in storage-service", nullable = true,
                                    example = "17959076-6d6b-475e-bc5b-0a88e1ebc62b") UUID avatarFileId,
                            @Schema(description = "Whether the account proved it holds its email address",
                                    example = "true") boolean emailVerified) {

    static PublicProfile of(User user) {
        return new PublicProfile(user.id(), user.displayName(), user.avatarFileId(), user.emailVerified());
    }
}
