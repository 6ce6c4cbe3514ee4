package io.secureconnect.common.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Asks auth-service whether a token's session is still active, for services other than auth while Redis is
 * down. The caller's own token authorises the question, so no extra credentials exist. Only "revoked" is
 * remembered (it never changes back): an "active" answer is asked again every time, so a logout made during the
 * outage is refused everywhere from the moment it returned (issue 19). An unreachable auth-service fails closed
 * (the request gets a 503).
 */
public class AuthServiceSessionStatus implements RevokedSessions {

    private static final int MAX_REMEMBERED = 10_000;

    private final URI statusUri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();

    public AuthServiceSessionStatus(URI statusUri) {
        this.statusUri = statusUri;
    }

    @Override
    public boolean isRevoked(Jwt token) {
        String sessionId = token.getClaimAsString("sid");
        if (sessionId == null || revoked.contains(sessionId)) {
            return true;
        }
        boolean answer = ask(token);
        if (answer) {
            if (revoked.size() >= MAX_REMEMBERED) {
                revoked.clear(); // bounded: forgetting only costs a question
            }
            revoked.add(sessionId);
        }
        return answer;
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
}
