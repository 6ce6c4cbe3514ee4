package io.secureconnect.common.events;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import io.secureconnect.common.redis.RedisGuard;
import io.secureconnect.common.redis.RedisSubscription;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The push half of session revocation: auth-service announces revoked sessions on a Redis channel, and every instance
 * of chat and video closes the sockets of those sessions at once, and chat drops the push and key devices they
 * registered. Pub/sub is best effort, so it is never the only half: the services' socket sweeps check every open
 * socket's session with {@code SessionRevocationValidator} (every second while Redis is degraded), and auth-service
 * announces recent revocations again when Redis comes back.
 *
 * <p>Wire format on {@value #CHANNEL}: {@code {"userId":"<uuid>"|null,"sessionIds":["<uuid>",...],"allSessions":bool}};
 * {@code allSessions} says every session of the user ended (logout everywhere, password reset, ban, deletion).
 */
public class RevokedSessionEvents {

    public static final String CHANNEL = "sc:sessions-revoked";

    private static final Logger log = LoggerFactory.getLogger(RevokedSessionEvents.class);

    /** Sessions that ended; {@code userId} is null when only the sessions are known (a re-announcement). */
    public record Revocation(UUID userId, List<UUID> sessionIds, boolean allSessions) {

        public Revocation {
            sessionIds = List.copyOf(sessionIds);
        }

        public boolean covers(String sessionId) {
            return sessionId != null && sessionIds.stream().anyMatch(id -> id.toString().equals(sessionId));
        }
    }

    private final StringRedisTemplate redis;
    private final RedisGuard guard;
    private final JsonMapper json;

    public RevokedSessionEvents(StringRedisTemplate redis, RedisGuard guard, JsonMapper json) {
        this.redis = redis;
        this.guard = guard;
        this.json = json;
    }

    /** Announces the revocation; false when Redis is unavailable (the sweeps and the re-announcement cover it). */
    public boolean announce(Revocation revocation) {
        String message = json.writeValueAsString(revocation);
        return guard.call(() -> {
            redis.convertAndSend(CHANNEL, message);
            return true;
        }, () -> false);
    }

    /** A subscription handing every well-formed announcement to {@code listener}, on the subscription's own thread. */
    public RedisSubscription subscription(RedisConnectionFactory connections, Consumer<Revocation> listener) {
        return new RedisSubscription(connections, CHANNEL, (message, pattern) -> {
            Revocation revocation;
            try {
                revocation = json.readValue(message.getBody(), Revocation.class);
            } catch (JacksonException e) {
                log.warn("Ignoring a malformed session revocation announcement");
                return;
            }
            listener.accept(revocation);
        });
    }
}
