package io.secureconnect.auth.user;

import java.util.Locale;

import io.secureconnect.auth.AuthProperties;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The first administrator comes from configuration ({@code SC_ADMIN_EMAIL}): the account with that email gets the
 * {@code admin} role once it has verified the address (when the link is followed, or at startup if it was verified
 * before), never at registration: anyone can register any address, only its owner can verify it. Later admins are
 * granted through the admin API.
 */
@Component
public class Administrators {

    public static final String ROLE = "admin";

    private final UserRepository users;
    private final String adminEmail;

    Administrators(UserRepository users, AuthProperties properties) {
        this.users = users;
        this.adminEmail = properties.adminEmail() == null || properties.adminEmail().isBlank() ? null
                : properties.adminEmail().strip().toLowerCase(Locale.ROOT);
    }

    @EventListener(ApplicationReadyEvent.class)
    void grantConfiguredAdmin() {
        if (adminEmail != null) {
            users.grantRoleToVerified(adminEmail, ROLE);
        }
    }

    @EventListener
    void grantWhenVerified(EmailVerified verified) {
        if (verified.email().equals(adminEmail)) {
            users.grantRoleToVerified(adminEmail, ROLE);
        }
    }
}
