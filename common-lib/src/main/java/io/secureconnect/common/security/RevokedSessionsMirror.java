package io.secureconnect.common.security;

import io.secureconnect.common.events.RevokedSessionEvents.Revocation;
import io.secureconnect.common.redis.RedisFailures;
import io.secureconnect.common.redis.RedisGuard;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;

/**
 * This instance's copy of the revoked sessions, so that checking a request's session is a lookup in memory rather
 * than a Redis round trip. auth-service keeps every revocation whose tokens may still live in the sorted set
 * {@link RevokedSessions#INDEX} (member: the session id; score: when the mark ends, epoch milliseconds). The mirror
 * reads the newest part of it every {@link #SYNC_EVERY} and all of it every {@link #FULL_RELOAD_EVERY}, and takes
 * announced revocations ({@link #accept}) the moment they arrive. It answers only while it is fresh, a sync having
 * succeeded within {@link #FRESH_FOR}: otherwise (Redis degraded or failing, before the first sync) it says
 * {@link Answer#UNKNOWN} and the caller asks Redis or auth-service for that request, so a stale copy never answers
 * "not revoked". A revocation thus reaches the copy within a sync interval even if its announcement was lost.
 */
public class RevokedSessionsMirror implements SmartLifecycle {

    /** What the mirror knows of one session. */
    public enum Answer { REVOKED, NOT_REVOKED, UNKNOWN }

    static final Duration SYNC_EVERY = Duration.ofMillis(500);
    static final Duration FRESH_FOR = Duration.ofSeconds(2);
    static final Duration FULL_RELOAD_EVERY = Duration.ofMinutes(1);
    /** Incremental syncs also read marks ending this much before the newest seen (auth instances' clocks differ). */
    static final Duration CLOCK_SLACK = Duration.ofSeconds(30);
    /** How long an announced revocation is kept before the index has given its real end. */
    static final Duration ANNOUNCED_KEPT_FOR = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(RevokedSessionsMirror.class);

    private final StringRedisTemplate redis;
    private final RedisGuard guard;
    private final Clock clock;
    /** Revoked session id → when its mark ends (epoch ms); entries go only once that has passed. */
    private final Map<String, Long> markEnds = new ConcurrentHashMap<>();
    private volatile long freshUntil;
    private ScheduledExecutorService syncer;
    // only touched by the syncing thread
    private double newestEnd;
    private long lastFullReload; // epoch ms; 0: never, so the first sync reads everything

    public RevokedSessionsMirror(StringRedisTemplate redis, RedisGuard guard, Clock clock) {
        this.redis = redis;
        this.guard = guard;
        this.clock = clock;
    }

    public Answer lookup(String sessionId) {
        if (clock.millis() > freshUntil) {
            return Answer.UNKNOWN;
        }
        return markEnds.containsKey(sessionId) ? Answer.REVOKED : Answer.NOT_REVOKED;
    }

    /** An announced revocation: known at once, before the next sync reads it from the index. */
    public void accept(Revocation revocation) {
        long keep = clock.millis() + ANNOUNCED_KEPT_FOR.toMillis();
        for (UUID sessionId : revocation.sessionIds()) {
            markEnds.merge(sessionId.toString(), keep, Math::max);
        }
    }

    /** One sync with the index; the mirror stays fresh only as long as these succeed. */
    void sync() {
        if (guard.isDegraded()) {
            return;
        }
        long now = clock.millis();
        boolean full = now - lastFullReload >= FULL_RELOAD_EVERY.toMillis();
        double from = full ? now : Math.min(now, newestEnd - CLOCK_SLACK.toMillis());
        try {
            Set<TypedTuple<String>> marks = redis.opsForZSet()
                    .rangeByScoreWithScores(RevokedSessions.INDEX, from, Double.POSITIVE_INFINITY);
            for (TypedTuple<String> mark : marks == null ? Set.<TypedTuple<String>>of() : marks) {
                double end = mark.getScore() == null ? now : mark.getScore();
                markEnds.merge(mark.getValue(), (long) end, Math::max);
                newestEnd = Math.max(newestEnd, end);
            }
            if (full) {
                markEnds.values().removeIf(end -> end < now);
                lastFullReload = now;
            }
            freshUntil = now + FRESH_FOR.toMillis();
        } catch (RuntimeException e) {
            if (RedisFailures.isUnavailability(e)) {
                guard.reportFailure(e);
            }
            log.debug("Reading the revoked sessions failed; asking per request until a sync succeeds: {}", e.getMessage());
        }
    }

    /** How many revoked sessions the copy holds. */
    public int size() {
        return markEnds.size();
    }

    @Override
    public void start() {
        syncer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("revoked-sessions-mirror").factory());
        syncer.scheduleWithFixedDelay(this::syncSafely, 0, SYNC_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A failure escaping a sync would cancel the schedule, and the copy would stay stale (safe, but slow) for good. */
    private void syncSafely() {
        try {
            sync();
        } catch (RuntimeException e) {
            log.warn("Syncing the revoked sessions failed unexpectedly", e);
        }
    }

    @Override
    public void stop() {
        if (syncer != null) {
            syncer.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return syncer != null && !syncer.isShutdown();
    }
}
