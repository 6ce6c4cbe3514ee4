package io.secureconnect.common.events;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.common.redis.RedisGuard;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The per-user event channel: any service hands a server frame to chat-service, which writes it to every open
 * {@code /ws/chat} socket of the addressed users on every instance (video-service rings a callee this way).
 *
 * <p>Wire format on the Redis pub/sub channel {@value #CHANNEL}: {@code {"userIds":["<uuid>",...],"event":{"type":...}}}.
 * Delivery is best effort: while Redis is degraded nothing is published and {@link #publish} says so, so the caller
 * can fall back (a push notification, or the client's next {@code sync}).
 */
public class UserEvents {

    public static final String CHANNEL = "sc:user-events";

    private static final Logger log = LoggerFactory.getLogger(UserEvents.class);

    private final StringRedisTemplate redis;
    private final RedisGuard guard;
    private final JsonMapper json;

    public UserEvents(StringRedisTemplate redis, RedisGuard guard, JsonMapper json) {
        this.redis = redis;
        this.guard = guard;
        this.json = json;
    }

    /** Publishes {@code event} (a frame with a {@code type}) to the users' sockets; false when Redis is unavailable. */
    public boolean publish(Collection<UUID> userIds, Object event) {
        if (userIds.isEmpty()) {
            return true;
        }
        String envelope = json.writeValueAsString(Map.of("userIds", List.copyOf(userIds), "event", event));
        boolean published = guard.call(() -> {
            redis.convertAndSend(CHANNEL, envelope);
            return true;
        }, () -> false);
        if (!published) {
            log.debug("User event not published while Redis is degraded: {} recipients", userIds.size());
        }
        return published;
    }
}
