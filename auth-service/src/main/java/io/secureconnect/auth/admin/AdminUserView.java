package io.secureconnect.auth.admin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An account as administrators see it in the user list: its {@link UserStatus} label and, when banned, the ban. */
record AdminUserView(UUID id, String email, String displayName, boolean emailVerified, List<String> roles,
                     String status, Instant createdAt, BanView ban) {

    record BanView(String reason, Instant bannedAt, Instant until) {
    }
}
