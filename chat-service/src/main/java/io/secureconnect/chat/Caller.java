package io.secureconnect.chat;

import java.util.UUID;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is asking, over REST or a socket: the user, and their access token, which chat forwards when it asks
 * auth- or storage-service on the user's behalf (so those services authorise the user, not chat), and the session
 * the token belongs to (devices registered with it go when it ends).
 */
public record Caller(UUID userId, String accessToken, boolean emailVerified, UUID sessionId) {

    public static Caller of(Jwt token) {
        return new Caller(UUID.fromString(token.getSubject()), token.getTokenValue(),
                Boolean.TRUE.equals(token.getClaimAsBoolean("email_verified")), sessionOf(token)); // absent: not verified
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
