package io.secureconnect.auth.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

import io.secureconnect.auth.AuthMetrics;
import io.secureconnect.auth.AuthProperties;
import io.secureconnect.common.redis.RedisGuard;
import io.secureconnect.common.redis.RedisStateListener;
import io.secureconnect.common.security.RevokedSessions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Revocation of sessions: PostgreSQL is the record, Redis the fast copy every service checks. A revoked session
 * is marked in Redis for as long as its access tokens can live; marks missed while Redis was down are copied over
 * when it returns (and at startup). While Redis is down this service answers from PostgreSQL.
 */
@Component
class SessionRevocations implements RevokedSessions, RedisStateListener {

    private static final Logger log = LoggerFactory.getLogger(SessionRevocations.class);

    private final SessionRepository sessions;
    private final StringRedisTemplate redis;
    private final RedisGuard guard;
    private final Duration markFor;
    private final AuthMetrics metrics;

    SessionRevocations(SessionRepository sessions, StringRedisTemplate redis, RedisGuard guard,
                       AuthProperties properties, AuthMetrics metrics) {
        this.sessions = sessions;
        this.redis = redis;
        this.guard = guard;
        this.markFor = properties.accessTokenTtl().plusMinutes(1); // a token's lifetime plus the validators' skew
        this.metrics = metrics;
        guard.addListener(this);
    }

    /** Revokes the sessions (already revoked in PostgreSQL by the caller's transaction) everywhere. */
    void revoked(Collection<UUID> sessionIds) {
        metrics.tokensRevoked.increment(sessionIds.size());
        guard.run(() -> mark(sessionIds), () -> log.info("Redis degraded: {} revocations wait in PostgreSQL", sessionIds.size()));
    }

    @Override
    public boolean isRevoked(Jwt token) {
        return sessions.findById(UUID.fromString(token.getClaimAsString("sid")))
                .map(session -> !session.isActive(Instant.now()))
                .orElse(true);
    }

    @Override
    public void onRecovered() {
        resync();
    }

    @EventListener(ApplicationReadyEvent.class)
    void resync() {
        var recent = sessions.findRevokedSince(Instant.now().minus(markFor));
        guard.run(() -> mark(recent), () -> { });
        if (!recent.isEmpty()) {
            log.info("Copied {} recent session revocations to Redis", recent.size());
        }
    }

    private void mark(Collection<UUID> sessionIds) {
        for (UUID id : sessionIds) {
            redis.opsForValue().set(RevokedSessions.redisKey(id.toString()), "1", markFor);
        }
    }
}
