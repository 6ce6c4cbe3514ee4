package io.secureconnect.auth.admin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An account as administrators see it in the user list: its {@link UserStatus} label, when banned the ban, and how it
 * signs in ({@code signIn}: a password, TOTP, how many passkeys, which SSO providers).
 */
record AdminUserView(UUID id, String email, String displayName, boolean emailVerified, List<String> roles,
                     String status, Instant createdAt, BanView ban, SignIn signIn) {

    record SignIn(boolean password, boolean totp, int passkeys, List<String> sso) {
    }

    AdminUserView withSignIn(SignIn signIn) {
        return new AdminUserView(id, email, displayName, emailVerified, roles, status, createdAt, ban, signIn);
    }

    record BanView(String reason, Instant bannedAt, Instant until) {
    }
}
