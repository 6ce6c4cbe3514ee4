package io.secureconnect.common.security;

import java.util.UUID;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is asking, over REST or a socket: the user, the session their access token belongs to ({@code sid}), whether
 * their email is verified, and the token itself, which a service forwards when it asks another service on the user's
 * behalf (so that service authorises the user, not the caller's service). A controller gets one by declaring a
 * {@code Caller} parameter.
 */
public record Caller(UUID userId, UUID sessionId, boolean emailVerified, Jwt token) {

    public static Caller of(Jwt token) {
        return new Caller(UUID.fromString(token.getSubject()), sessionOf(token),
                Boolean.TRUE.equals(token.getClaimAsBoolean("email_verified")), token); // absent: not verified
    }

    /** The compact access token, for the {@code Authorization} header of a call made on the user's behalf. */
    public String accessToken() {
        return token.getTokenValue();
    }

    private static UUID sessionOf(Jwt token) {
        try {
            return UUID.fromString(token.getClaimAsString("sid"));
        } catch (IllegalArgumentException | NullPointerException e) {
            return null; // every token the validators accept has one; null only keeps a device from any session
        }
    }

    @Override
    public String toString() {
        return "Caller[" + userId + "]"; // never the token
    }
}
