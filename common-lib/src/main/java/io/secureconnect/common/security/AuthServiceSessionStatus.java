package io.secureconnect.common.security;

import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.secureconnect.common.peer.CallerToken;
import io.secureconnect.common.peer.Peer;
import io.secureconnect.common.peer.PeerClientProperties;
import io.secureconnect.common.peer.PeerDeclined;
import io.secureconnect.common.peer.PeerEndpoint;
import io.secureconnect.common.peer.PeerUnavailable;
import io.secureconnect.common.peer.auth.AuthSessionsApi;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Asks auth-service whether a token's session is still active, for services other than auth while Redis is
 * down. The caller's own token authorises the question, so no extra credentials exist. Only "revoked" is
 * remembered (it never changes back): an "active" answer is asked again every time, so a logout made during the
 * outage is refused everywhere from the moment it returned (issue 19). No usable answer fails closed (the request
 * gets a 503).
 */
public class AuthServiceSessionStatus implements RevokedSessions {

    private static final int MAX_REMEMBERED = 10_000;

    private final AuthSessionsApi sessions;
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();

    public AuthServiceSessionStatus(AuthSessionsApi sessions) {
        this.sessions = sessions;
    }

    /**
     * Where the session status is asked: {@code secureconnect.security.session-status-uri} (the whole URI, e.g.
     * {@code http://host:port/internal/v1/sessions/current}) without the endpoint's own path.
     */
    public static PeerEndpoint endpoint(SecurityProperties security, PeerClientProperties peers) {
        URI status = URI.create(security.sessionStatusUri());
        String uri = status.toString();
        URI base = uri.endsWith(AuthSessionsApi.CURRENT)
                ? URI.create(uri.substring(0, uri.length() - AuthSessionsApi.CURRENT.length()))
                : URI.create(status.getScheme() + "://" + status.getRawAuthority());
        return new PeerEndpoint(Peer.AUTH_SESSION, base, peers.sessionStatusTimeout(),
                CommonErrorCode.SERVICE_UNAVAILABLE);
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
            sessions.current(new CallerToken(token.getTokenValue()));
            return false;
        } catch (PeerDeclined e) {
            if (e.status().value() == 401) {
                return true;
            }
            throw new JwtException("auth-service answered " + e.status().value() + " on session status", e);
        } catch (PeerUnavailable e) {
            throw new JwtException("Cannot check the session with auth-service", e);
        }
    }
}
