package io.secureconnect.auth.user;

import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a client sees of its own account (the minimum API contract's user shape), with its privacy setting: whether
 * others may find it by its exact email once verified.
 */
public record UserProfile(@Schema(example = "25e657cc-006a-4fb5-ad4e-1a980fbfa041") UUID id,
                          @Schema(example = "ann@example.com") String email,
                          @Schema(example = "Ann Lee") String displayName,
                          @Schema(example = "true") boolean emailVerified,
                          @Schema(description = "An image file in storage-service", nullable = true,
                                  example = "de04b84d-248a-44f8-b087-4423ad03d565") UUID avatarFileId,
                          @Schema(description = "Whether others may find the account by its exact email once verified",
                                  example = "true") boolean findableByEmail) {

    public static UserProfile of(User user) {
        return new UserProfile(user.id(), user.email(), user.displayName(), user.emailVerified(), user.avatarFileId(),
                user.findableByEmail());
    }
}
