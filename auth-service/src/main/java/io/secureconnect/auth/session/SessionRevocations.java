package io.secureconnect.auth.session;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.secureconnect.auth.AuthMetrics;
import io.secureconnect.auth.AuthProperties;
import io.secureconnect.common.events.RevokedSessionEvents;
import io.secureconnect.common.events.RevokedSessionEvents.Revocation;
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
 * is marked in Redis for as long as its access tokens can live, and announced ({@link RevokedSessionEvents}) so open
 * sockets close at once and chat drops the session's devices. Marks and announcements missed while Redis was down
 * are made when it returns (and at startup). While Redis is down this service answers from PostgreSQL.
 */
@Component
class SessionRevocations implements RevokedSessions, RedisStateListener {

    private static final Logger log = LoggerFactory.getLogger(SessionRevocations.class);
    private static final Duration ANNOUNCE_AGAIN_FOR = Duration.ofDays(1);
    private static final int ANNOUNCEMENT_BATCH = 500;

    private final SessionRepository sessions;
    private final StringRedisTemplate redis;
    private final RedisGuard guard;
    private final Duration markFor;
    private final RevokedSessionEvents announcements;
    private final Clock clock;
    private final AuthMetrics metrics;

    SessionRevocations(SessionRepository sessions, StringRedisTemplate redis, RedisGuard guard,
                       AuthProperties properties, AuthMetrics metrics, RevokedSessionEvents announcements,
                       Clock clock) {
        this.clock = clock;
        this.sessions = sessions;
        this.redis = redis;
        this.guard = guard;
        this.markFor = properties.accessTokenTtl().plusMinutes(1); // a token's lifetime plus the validators' skew
        this.metrics = metrics;
        this.announcements = announcements;
        guard.addListener(this);
    }

    /**
     * Revokes the user's sessions (already revoked in PostgreSQL by the caller's transaction) everywhere;
     * {@code allSessions} when every session of the user ended, so devices registered by none go too.
     */
    void revoked(UUID userId, Collection<UUID> sessionIds, boolean allSessions) {
        metrics.tokensRevoked.increment(sessionIds.size());
        guard.run(() -> mark(sessionIds), () -> log.info("Redis degraded: {} revocations wait in PostgreSQL", sessionIds.size()));
        announcements.announce(new Revocation(userId, List.copyOf(sessionIds), allSessions));
    }

    @Override
    public boolean isRevoked(Jwt token) {
        return sessions.findById(UUID.fromString(token.getClaimAsString("sid")))
                .map(session -> !session.isActive(clock.instant()))
                .orElse(true);
    }

    @Override
    public void onRecovered() {
        resync();
    }

    /**
     * Marks the revocations whose tokens may still live, and announces those of the last day again: an announcement
     * made while Redis was down reached nobody, and the devices of those sessions must still go.
     */
    @EventListener(ApplicationReadyEvent.class)
    void resync() {
        var recent = sessions.findRevokedSince(clock.instant().minus(markFor));
        guard.run(() -> mark(recent), () -> { });
        if (!recent.isEmpty()) {
            log.info("Copied {} recent session revocations to Redis", recent.size());
        }
        List<UUID> lastDay = sessions.findRevokedSince(clock.instant().minus(ANNOUNCE_AGAIN_FOR));
        for (int from = 0; from < lastDay.size(); from += ANNOUNCEMENT_BATCH) {
            List<UUID> batch = lastDay.subList(from, Math.min(lastDay.size(), from + ANNOUNCEMENT_BATCH));
            if (!announcements.announce(new Revocation(null, batch, false))) {
                return;
            }
        }
    }

    private void mark(Collection<UUID> sessionIds) {
        RevokedSessions.mark(redis, sessionIds.stream().map(UUID::toString).toList(), markFor, clock.millis());
    }
}
