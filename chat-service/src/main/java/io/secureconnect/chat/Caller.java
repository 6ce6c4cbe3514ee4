package io.secureconnect.chat;

import java.util.UUID;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is asking, over REST or a socket: the user, and their access token, which chat forwards when it asks
 * auth- or storage-service on the user's behalf (so those services authorise the user, not chat).
 */
public record Caller(UUID userId, String accessToken, boolean emailVerified) {

    public static Caller of(Jwt token) {
        return new Caller(UUID.fromString(token.getSubject()), token.getTokenValue(),
                !Boolean.FALSE.equals(token.getClaimAsBoolean("email_verified")));
    }

    @Override
    public String toString() {
        return "Caller[" + userId + "]"; // never the token
    }
}
