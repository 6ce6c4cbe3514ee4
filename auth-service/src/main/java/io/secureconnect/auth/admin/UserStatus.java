package io.secureconnect.auth.admin;

import java.util.Locale;

/** Where an account stands, as the admin API filters and counts it. */
enum UserStatus {
    ACTIVE, UNVERIFIED, BANNED, DELETED;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
