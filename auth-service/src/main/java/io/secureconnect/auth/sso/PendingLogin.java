package io.secureconnect.auth.sso;

import java.time.Instant;
import java.util.UUID;

/**
 * A sign-in between our redirect to the provider and its callback: what the callback must match ({@code state}),
 * what the ID token must carry ({@code nonce}) and the PKCE verifier; {@code linkUserId} when a signed-in user is
 * connecting the provider to their account.
 */
record PendingLogin(String provider, String state, String nonce, String codeVerifier, UUID linkUserId,
                    Instant expiresAt) {

    @Override
    public String toString() {
        return "PendingLogin[" + provider + "]"; // never the verifier
    }
}
