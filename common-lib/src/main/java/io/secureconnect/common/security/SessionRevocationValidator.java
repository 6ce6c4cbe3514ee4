package io.secureconnect.common.security;

import io.secureconnect.common.redis.RedisGuard;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Rejects access tokens whose session was revoked (logout, logout everywhere, a revoked session, a stolen refresh
 * token). One Redis lookup per request; while Redis is degraded the durable {@link RevokedSessions} answers
 * instead, so revocation fails closed, never open.
 */
public class SessionRevocationValidator implements OAuth2TokenValidator<Jwt> {

    private static final OAuth2Error REVOKED = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The session was revoked", null);
    private static final OAuth2Error NO_SESSION = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The token names no session", null);

    private final StringRedisTemplate redis;
    private final RedisGuard guard;
    private final RevokedSessions durable;

    public SessionRevocationValidator(StringRedisTemplate redis, RedisGuard guard, RevokedSessions durable) {
        this.redis = redis;
        this.guard = guard;
        this.durable = durable;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        String sessionId = token.getClaimAsString("sid");
        if (sessionId == null || sessionId.isBlank()) {
            return OAuth2TokenValidatorResult.failure(NO_SESSION);
        }
        boolean revoked = guard.call(() -> Boolean.TRUE.equals(redis.hasKey(RevokedSessions.redisKey(sessionId))),
                () -> durable.isRevoked(token));
        return revoked ? OAuth2TokenValidatorResult.failure(REVOKED) : OAuth2TokenValidatorResult.success();
    }

    /**
     * For a socket that outlives its handshake: is its session still active? {@link SessionState#UNKNOWN} when
     * neither Redis nor the durable answer could be had, which the caller treats as a refusal (fail closed).
     */
    public SessionState stateOf(Jwt token) {
        try {
            return validate(token).hasErrors() ? SessionState.REVOKED : SessionState.ACTIVE;
        } catch (RuntimeException e) {
            return SessionState.UNKNOWN;
        }
    }

    /** Whether answers come from Redis (cheap) rather than the durable source; sweeps check more often while not. */
    public boolean answersFromRedis() {
        return !guard.isDegraded();
    }

    public enum SessionState { ACTIVE, REVOKED, UNKNOWN }
}
