package io.secureconnect.auth.user;

import java.util.List;
import java.util.UUID;

/**
 * The single sign-on providers linked to an account (their ids, e.g. {@code "google"}), for the admin user list.
 * Implemented by the SSO feature; without it, no account has any.
 */
public interface ExternalIdentities {

    List<String> providersOf(UUID userId);
}
