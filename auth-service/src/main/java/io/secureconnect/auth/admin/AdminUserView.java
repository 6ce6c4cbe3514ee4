package io.secureconnect.auth.admin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An account as administrators see it in the user list: its {@link UserStatus} label, when banned the ban, and how it
 * signs in ({@code signIn}: a password, TOTP, how many passkeys, which SSO providers).
 */
record AdminUserView(@Schema(example = "25e657cc-006a-4fb5-ad4e-1a980fbfa041") UUID id,
                     @Schema(example = "ann@example.com") String email,
                     @Schema(example = "Ann Lee") String displayName,
                     @Schema(example = "true") boolean emailVerified,
                     @Schema(example = "[\"user\"]") List<String> roles,
                     @Schema(allowableValues = {"active", "unverified", "banned", "deleted"}, example = "active")
                     String status,
                     @Schema(example = "2026-11-02T09:14:27Z") Instant createdAt,
                     @Schema(description = "The ban; null when the account is not banned") BanView ban,
                     SignIn signIn) {

    /** Named in the API description apart from other sign-in shapes. */
    @Schema(name = "AdminUserSignIn")
    record SignIn(@Schema(description = "Whether the account has a password", example = "true") boolean password,
                  @Schema(example = "true") boolean totp,
                  @Schema(example = "1") int passkeys,
                  @Schema(description = "Linked single sign-on providers", example = "[\"google\"]") List<String> sso) {
    }

    AdminUserView withSignIn(SignIn signIn) {
        return new AdminUserView(id, email, displayName, emailVerified, roles, status, createdAt, ban, signIn);
    }

    @Schema(name = "AdminUserBan")
    record BanView(@Schema(example = "Repeated spam in public conversations") String reason,
                   @Schema(example = "2026-12-07T20:30:00Z") Instant bannedAt,
                   @Schema(description = "Null for a permanent ban", example = "2026-12-10T20:30:00Z",
                           nullable = true) Instant until) {
    }
}
