package io.secureconnect.chat.realtime;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.common.events.UserEvents;
import io.secureconnect.common.redis.RedisGuard;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a frame to users' sockets on every instance. Normally through the per-user event channel in Redis (this
 * instance's {@link UserEventRelay} then delivers locally too); while Redis is degraded, to this instance's sockets
 * only — members elsewhere catch up with {@code sync}, since everything that matters is in PostgreSQL
 * (ARCHITECTURE §6).
 */
@Component
public class Fanout {

    private final UserEvents events;
    private final RedisGuard guard;
    private final LocalConnections local;
    private final JsonMapper json;

    Fanout(UserEvents events, RedisGuard guard, LocalConnections local, JsonMapper json) {
        this.events = events;
        this.guard = guard;
        this.local = local;
        this.json = json;
    }

    /** Best delivery available: every instance, or this one while Redis is down. */
    public void toUsers(Collection<UUID> userIds, Map<String, Object> frame) {
        if (guard.isDegraded() || !events.publish(userIds, frame)) {
            local.deliver(userIds, new TextMessage(json.writeValueAsString(frame)), "message".equals(frame.get("type")));
        }
    }

    /** Ephemeral signals (typing, presence): skipped entirely while Redis is degraded. */
    public void ephemeralToUsers(Collection<UUID> userIds, Map<String, Object> frame) {
        if (!guard.isDegraded()) {
            events.publish(userIds, frame);
        }
    }

    /** Straight to one socket of this instance (acks, errors, replies). */
    void toConnection(ChatConnection connection, Map<String, Object> frame) {
        connection.send(new TextMessage(json.writeValueAsString(frame)));
    }
}
