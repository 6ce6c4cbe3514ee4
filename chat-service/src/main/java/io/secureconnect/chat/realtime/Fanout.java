package io.secureconnect.chat.realtime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.chat.presence.LocalSockets;
import io.secureconnect.chat.realtime.frames.MessageFrame;
import io.secureconnect.common.events.UserEvents;
import io.secureconnect.common.redis.RedisGuard;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.BaseRedisAsyncCommands;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

/**
 * Sends a frame to users' sockets on every instance. Normally through the per-user event channel in Redis (this
 * instance's {@link UserEventRelay} then delivers locally too); while Redis is degraded, to this instance's sockets
 * only — members elsewhere catch up with {@code sync}, since everything that matters is in PostgreSQL
 * (ARCHITECTURE §6).
 *
 * <p>A frame is a {@link io.secureconnect.common.websocket.ServerFrame} record (or, until every sender has one, a
 * {@code Map} with a {@code type}). It is written to JSON on its own, never as a member of the Redis envelope: nested
 * in a map, Jackson would leave out the record's {@code type}.
 */
@Component
public class Fanout implements LocalSockets {

    private static final byte[] CHANNEL = UserEvents.CHANNEL.getBytes(StandardCharsets.UTF_8);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(2);

    private final UserEvents events;
    private final RedisGuard guard;
    private final LocalConnections local;
    private final JsonMapper json;
    private final StringRedisTemplate redis;

    Fanout(UserEvents events, RedisGuard guard, LocalConnections local, JsonMapper json, StringRedisTemplate redis) {
        this.redis = redis;
        this.events = events;
        this.guard = guard;
        this.local = local;
        this.json = json;
    }

    /** Best delivery available: every instance, or this one while Redis is down. */
    public void toUsers(Collection<UUID> userIds, Object frame) {
        if (userIds.isEmpty()) {
            return;
        }
        String text = json.writeValueAsString(frame);
        if (guard.isDegraded() || !events.publish(userIds, new RawValue(text))) {
            local.deliver(userIds, new TextMessage(text), isMessage(frame));
        }
    }

    /**
     * Several frames to the same users, in this order, as {@link #toUsers} each would send them, but in one round trip
     * to Redis: the publishes are queued on the one shared connection (which keeps their order) and awaited
     * together, so a burst of messages does not wait out one round trip each.
     */
    public void toUsersInOrder(Collection<UUID> userIds, List<?> frames) {
        if (frames.size() < 2 || guard.isDegraded() || userIds.isEmpty()) {
            frames.forEach(frame -> toUsers(userIds, frame));
            return;
        }
        List<String> ids = userIds.stream().map(UUID::toString).toList();
        List<String> texts = frames.stream().map(json::writeValueAsString).toList();
        List<byte[]> envelopes = texts.stream()
                .map(text -> json.writeValueAsBytes(Map.of("userIds", ids, "event", new RawValue(text)))).toList();
        Boolean published = guard.call(() -> redis.execute((RedisCallback<Boolean>) connection -> {
            if (!(connection.getNativeConnection() instanceof BaseRedisAsyncCommands<?, ?> commands)) {
                return null; // not Lettuce: one by one below
            }
            @SuppressWarnings("unchecked")
            var async = (BaseRedisAsyncCommands<byte[], byte[]>) commands;
            List<RedisFuture<Long>> sent = new ArrayList<>(envelopes.size());
            envelopes.forEach(envelope -> sent.add(async.publish(CHANNEL, envelope)));
            if (!LettuceFutures.awaitAll(PUBLISH_TIMEOUT, sent.toArray(RedisFuture[]::new))) {
                throw new RedisCommandTimeoutException("PUBLISH of " + sent.size() + " events timed out");
            }
            return true;
        }), () -> false);
        if (published == null) {
            frames.forEach(frame -> toUsers(userIds, frame));
        } else if (!published) {
            for (int i = 0; i < frames.size(); i++) {
                local.deliver(userIds, new TextMessage(texts.get(i)), isMessage(frames.get(i)));
            }
        }
    }

    /** Ephemeral signals (typing, presence): skipped entirely while Redis is degraded. */
    public void ephemeralToUsers(Collection<UUID> userIds, Object frame) {
        if (!guard.isDegraded() && !userIds.isEmpty()) {
            events.publish(userIds, new RawValue(json.writeValueAsString(frame)));
        }
    }

    @Override
    public boolean hasLocalSocket(UUID userId) {
        return local.isConnected(userId);
    }

    /** Message frames are counted as delivered ({@code messages_received}) when written to a socket here. */
    private static boolean isMessage(Object frame) {
        return frame instanceof MessageFrame;
    }
}
