package io.secureconnect.common.security;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The durable answer to "was this token's session revoked?", asked while Redis (the fast answer) is unavailable.
 * auth-service answers from PostgreSQL; every other service asks auth-service. Implementations fail closed: when
 * they cannot tell, they throw rather than say "not revoked".
 */
public interface RevokedSessions {

    /** Redis key under which auth-service marks a revoked session, so every service can check it in one lookup. */
    static String redisKey(String sessionId) {
        return "sc:revoked-session:" + sessionId;
    }

    /**
     * Redis sorted set of the same marks, for instances that keep a copy ({@link RevokedSessionsMirror}): member the
     * session id, score when its mark ends (epoch milliseconds).
     */
    String INDEX = "sc:revoked-sessions";

    boolean isRevoked(Jwt token);
}
