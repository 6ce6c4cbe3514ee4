package io.secureconnect.common.security;

import java.time.Duration;
import java.util.Collection;
import org.springframework.data.redis.core.StringRedisTemplate;
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

    /**
     * Marks a revoked session for {@code markFor} the way every reader expects: its own key (what services check
     * per request) and its entry in {@link #INDEX} (what gateways copy), and drops index entries whose mark ended.
     */
    static void mark(StringRedisTemplate redis, Collection<String> sessionIds, Duration markFor, long nowMillis) {
        for (String sessionId : sessionIds) {
            redis.opsForValue().set(redisKey(sessionId), "1", markFor);
            redis.opsForZSet().add(INDEX, sessionId, nowMillis + markFor.toMillis());
        }
        redis.opsForZSet().removeRangeByScore(INDEX, Double.NEGATIVE_INFINITY, nowMillis);
    }

    boolean isRevoked(Jwt token);
}
