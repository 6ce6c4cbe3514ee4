package io.secureconnect.testsupport.oidc;

/**
 * A person at the {@link TestIdentityProvider}: what they type into its login form, and what its ID tokens say
 * about them.
 */
public record IdpUser(String username, String password, String email, boolean emailVerified, String name) {
}
