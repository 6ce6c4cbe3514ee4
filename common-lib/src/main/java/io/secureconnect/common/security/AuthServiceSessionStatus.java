package io.secureconnect.common.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Asks auth-service whether a token's session is still active, for services other than auth while Redis is
 * down. The caller's own token authorises the question, so no extra credentials exist. Answers are cached for a
 * second per session (so a revoked socket is closed within two: issue 18, S18); an unreachable auth-service fails
 * closed (the request gets a 503).
 */
public class AuthServiceSessionStatus implements RevokedSessions {

    private static final Duration CACHE_FOR = Duration.ofSeconds(1);
    private static final int MAX_CACHED = 10_000;

    private final URI statusUri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Map<String, Answer> cache = new ConcurrentHashMap<>();

    public AuthServiceSessionStatus(URI statusUri) {
        this.statusUri = statusUri;
    }

    @Override
    public boolean isRevoked(Jwt token) {
        String sessionId = token.getClaimAsString("sid");
        Answer cached = cache.get(sessionId);
        if (cached != null && cached.until().isAfter(Instant.now())) {
            return cached.revoked();
        }
        boolean revoked = ask(token);
        if (cache.size() >= MAX_CACHED) {
            cache.clear(); // bounded: a burst of distinct sessions only costs a few extra questions
        }
        cache.put(sessionId, new Answer(revoked, Instant.now().plus(CACHE_FOR)));
        return revoked;
    }

    private boolean ask(Jwt token) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(statusUri)
                    .header("Authorization", "Bearer " + token.getTokenValue())
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return switch (response.statusCode()) {
                case 204, 200 -> false;
                case 401 -> true;
                default -> throw new JwtException("auth-service answered " + response.statusCode() + " on session status");
            };
        } catch (java.io.IOException e) {
            throw new JwtException("Cannot reach auth-service to check the session", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JwtException("Interrupted while checking the session", e);
        }
    }

    private record Answer(boolean revoked, Instant until) {
    }
}
