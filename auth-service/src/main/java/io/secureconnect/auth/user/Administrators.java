package io.secureconnect.auth.user;

import java.util.List;
import java.util.Locale;

import io.secureconnect.auth.AuthProperties;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The first administrator comes from configuration ({@code SC_ADMIN_EMAIL}): that account gets the {@code admin}
 * role when it registers, or at startup if it exists already. Later admins are granted through the admin API.
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

    /** The roles a new account with this (normalised) email starts with. */
    public List<String> rolesFor(String email) {
        return email.equals(adminEmail) ? List.of("user", ROLE) : List.of("user");
    }

    @EventListener(ApplicationReadyEvent.class)
    void grantConfiguredAdmin() {
        if (adminEmail != null) {
            users.grantRole(adminEmail, ROLE);
        }
    }
}
