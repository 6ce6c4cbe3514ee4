package io.secureconnect.auth.sso;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a one-time ticket stands for: a sign-in to finish ({@link Kind#SIGN_IN}), an existing account to link after
 * its password ({@link Kind#LINK}), or a signed-in user's start of connecting a provider ({@link Kind#LINK_START}).
 * {@code refreshCiphertext} is the provider's refresh token, sealed, for the session the ticket opens;
 * {@code bindingHash} the SHA-256 of the {@code sc_sso} cookie of the one browser that may use the ticket.
 */
record Ticket(Kind kind, UUID userId, String provider, String subject, String email, List<String> amr,
              byte[] refreshCiphertext, byte[] bindingHash, Instant expiresAt) {

    enum Kind { SIGN_IN, LINK, LINK_START }

    @Override
    public String toString() {
        return "Ticket[" + kind + " " + provider + " for " + userId + "]";
    }
}
