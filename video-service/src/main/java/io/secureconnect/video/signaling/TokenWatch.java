package io.secureconnect.video.signaling;

import java.time.Instant;

import io.secureconnect.common.redis.RedisGuard;
import io.secureconnect.common.security.RevokedSessions;
import io.secureconnect.video.live.RedisAvailability;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * Closes signaling sockets whose access token expired (unless the client sent a fresh one with {@code auth}) or
 * whose session was revoked, with 4401 (ARCHITECTURE §5). Revocation is looked up in Redis, where auth-service
 * marks revoked sessions; while Redis is degraded only expiry is enforced.
 */
@Component
class TokenWatch {

    private final LocalConnections local;
    private final Frames frames;
    private final StringRedisTemplate redis;
    private final RedisGuard guard;

    TokenWatch(LocalConnections local, Frames frames, StringRedisTemplate redis, RedisGuard guard) {
        this.local = local;
        this.frames = frames;
        this.redis = redis;
        this.guard = guard;
    }

    @Scheduled(fixedDelayString = "${secureconnect.video.token-check-interval:5s}")
    void closeExpiredAndRevoked() {
        Instant now = Instant.now();
        for (Connection connection : local.all()) {
            if (connection.tokenExpiry() != null && now.isAfter(connection.tokenExpiry())) {
                close(connection, "TOKEN_EXPIRED", "The access token expired; reconnect with a fresh one.");
            } else if (isRevoked(connection)) {
                close(connection, "SESSION_REVOKED", "The session was signed out.");
            }
        }
    }

    private boolean isRevoked(Connection connection) {
        String session = connection.sessionId();
        return session != null
                && RedisAvailability.call(guard, () -> Boolean.TRUE.equals(redis.hasKey(RevokedSessions.redisKey(session))), () -> false);
    }

    private void close(Connection connection, String code, String detail) {
        connection.send(frames.error(code, detail));
        connection.close(new CloseStatus(CloseCodes.UNAUTHENTICATED, code), "unauthenticated");
    }
}
