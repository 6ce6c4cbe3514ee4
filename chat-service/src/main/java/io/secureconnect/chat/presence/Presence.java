package io.secureconnect.chat.presence;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.secureconnect.chat.ChatProperties;
import io.secureconnect.chat.conversation.ConversationRepository;
import io.secureconnect.chat.peer.BlockCheck;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.redis.RedisGuard;
import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Who is online, from heartbeats in Redis: each connection keeps a member in the user's sorted set
 * {@code sc:presence:<user>} scored with its expiry, so any instance can tell whether a user has a live socket
 * anywhere. Changes are not broadcast as they happen but coalesced: every few seconds each user whose state changed
 * is announced once, with the net result, to the people they have a direct conversation with, so a reconnect
 * storm (offline, online again) announces little, and what was last announced is kept in Redis, so neither a
 * restarted instance nor a second one announces again what partners were already told; group members ask
 * {@code GET /api/v1/presence} instead. Skipped entirely while Redis is degraded (ARCHITECTURE §6).
 */
@Service
public class Presence {

    static final String ONLINE = "online";
    static final String AWAY = "away";
    static final String OFFLINE = "offline";
    private static final int MAX_AUDIENCE = 5_000;
    /** How long what was announced is remembered; after that a user's next change is announced in any case. */
    private static final Duration ANNOUNCED_TTL = Duration.ofDays(1);

    private final StringRedisTemplate redis;
    private final RedisGuard guard;
    private final ConversationRepository conversations;
    private final LocalSockets sockets;
    private final ApplicationEventPublisher events;
    private final ChatProperties properties;
    private final Set<UUID> changed = ConcurrentHashMap.newKeySet();
    private final PresenceSettings settings;
    private final BlockCheck blocks;

    Presence(StringRedisTemplate redis, RedisGuard guard, ConversationRepository conversations, LocalSockets sockets,
             ApplicationEventPublisher events, ChatProperties properties, PresenceSettings settings,
             BlockCheck blocks) {
        this.blocks = blocks;
        this.settings = settings;
        this.redis = redis;
        this.guard = guard;
        this.conversations = conversations;
        this.sockets = sockets;
        this.events = events;
        this.properties = properties;
    }

    /** A connection's heartbeat (on connect and on every {@code ping}), with the status the client reports. */
    public void heartbeat(UUID userId, String connectionId, boolean away) {
        if (guard.isDegraded()) {
            return;
        }
        long expiresAt = System.currentTimeMillis() + properties.websocket().presenceTtl().toMillis();
        guard.run(() -> {
            redis.opsForZSet().add(key(userId), connectionId + (away ? "|away" : "|online"), expiresAt);
            redis.opsForZSet().remove(key(userId), connectionId + (away ? "|online" : "|away"));
            redis.expire(key(userId), properties.websocket().presenceTtl().multipliedBy(2));
        }, () -> { });
        changed.add(userId);
    }

    public void disconnected(UUID userId, String connectionId) {
        if (guard.isDegraded()) {
            return;
        }
        boolean recordLastSeen = settings.showsLastSeen(userId);
        guard.run(() -> {
            redis.opsForZSet().remove(key(userId), connectionId + "|online", connectionId + "|away");
            if (recordLastSeen) {
                redis.opsForValue().set(lastSeenKey(userId), Instant.now().toString(), Duration.ofDays(30));
            }
        }, () -> { });
        changed.add(userId);
    }

    /** Current status of each user: online, away, offline, or unknown while Redis is degraded. */
    public List<Status> statusOf(Collection<UUID> userIds) {
        return userIds.stream().map(userId -> guard.call(() -> status(userId),
                () -> new Status(userId, "unknown", null))).toList();
    }

    /**
     * The status of {@code userIds} as {@code caller} may see it (S6): their own, and that of users they share a
     * conversation with and neither has blocked, without the last-seen time of those who hide it; anyone else is
     * left out, as if unknown.
     */
    List<Status> statusShownTo(Caller caller, List<UUID> userIds) {
        List<UUID> asked = userIds.stream().distinct().toList();
        Set<UUID> related = conversations.sharingAConversationWith(caller.userId(), asked);
        List<UUID> visible = asked.stream()
                .filter(user -> user.equals(caller.userId())
                        || related.contains(user) && !blocks.eitherBlocked(caller, user))
                .toList();
        Set<UUID> hiding = settings.hidingLastSeen(visible);
        return statusOf(visible).stream()
                .map(status -> hiding.contains(status.userId()) ? new Status(status.userId(), status.status(), null) : status)
                .toList();
    }

    /** Hides or shows the user's last-seen time from now on; hiding also forgets the one recorded. */
    void showLastSeen(UUID userId, boolean show) {
        settings.showLastSeen(userId, show);
        if (!show) {
            guard.run(() -> redis.delete(lastSeenKey(userId)), () -> { }); // answers hide it anyway while Redis is away
        }
    }

    boolean showsLastSeen(UUID userId) {
        return settings.showsLastSeen(userId);
    }

    /**
     * The users with no live socket anywhere, for deciding who gets a push: those with a socket on this instance are
     * known without asking Redis (a message to a big group asked it two commands per member), the others by their
     * heartbeats. While Redis is degraded nobody can tell, so every one of them counts as without a socket.
     */
    public List<UUID> withoutSocket(Collection<UUID> userIds) {
        if (guard.isDegraded()) {
            return List.copyOf(userIds);
        }
        List<UUID> notHere = userIds.stream().filter(userId -> !sockets.hasLocalSocket(userId)).toList();
        return statusOf(notHere).stream()
                .filter(status -> !ONLINE.equals(status.status()) && !AWAY.equals(status.status()))
                .map(Status::userId).toList();
    }

    @Schema(name = "PresenceStatus")
    public record Status(@Schema(example = "0193a4f0-5b6c-7d8e-9fa0-b1c2d3e4f506") UUID userId,
                         @Schema(example = "offline", allowableValues = {"online", "away", "offline", "unknown"},
                                 description = "`unknown` while presence cannot be told")
                         String status,
                         @Schema(example = "2026-12-07T19:42:00Z", nullable = true,
                                 description = "When an offline user was last seen, to the minute; null while online "
                                         + "or away, and when not known or hidden by the user")
                         Instant lastSeen) {
    }

    /** Announces the net change of every user whose connections changed since the last run. */
    @Scheduled(fixedDelayString = "${secureconnect.chat.websocket.presence-coalesce:2s}")
    void announceChanges() {
        if (changed.isEmpty() || guard.isDegraded()) {
            return;
        }
        List<UUID> users = List.copyOf(changed);
        changed.removeAll(users);
        Set<UUID> hiding = settings.hidingLastSeen(users);
        for (UUID userId : users) {
            Status now = guard.call(() -> status(userId), () -> null);
            if (now != null && hiding.contains(userId)) {
                now = new Status(userId, now.status(), null);
            }
            if (now == null || now.status().equals(swapAnnounced(userId, now.status()))) {
                continue;
            }
            events.publishEvent(new PresenceChanged(conversations.directPartnersOf(userId, MAX_AUDIENCE), userId,
                    now.status(), now.lastSeen()));
        }
    }

    /**
     * Records what is announced for a user and returns what was announced before, by any instance: kept in Redis,
     * so a restarted instance (whose users all reconnect at once) or a second instance a user's device moved to
     * does not announce again what their partners were already told.
     */
    private String swapAnnounced(UUID userId, String status) {
        return guard.call(() -> {
            String previous = redis.opsForValue().getAndSet(announcedKey(userId), status);
            redis.expire(announcedKey(userId), ANNOUNCED_TTL);
            return previous;
        }, () -> null);
    }

    private Status status(UUID userId) {
        long now = System.currentTimeMillis();
        redis.opsForZSet().removeRangeByScore(key(userId), 0, now);
        Set<String> live = redis.opsForZSet().rangeByScore(key(userId), now, Double.MAX_VALUE);
        if (live != null && !live.isEmpty()) {
            boolean online = live.stream().anyMatch(member -> member.endsWith("|online"));
            return new Status(userId, online ? ONLINE : AWAY, null);
        }
        String lastSeen = redis.opsForValue().get(lastSeenKey(userId));
        // to the minute: an exact last-seen tells more about someone's day than a chat needs to (S6)
        return new Status(userId, OFFLINE, lastSeen == null ? null : Instant.parse(lastSeen).truncatedTo(ChronoUnit.MINUTES));
    }

    private static String key(UUID userId) {
        return "sc:presence:" + userId;
    }

    private static String announcedKey(UUID userId) {
        return "sc:presence-announced:" + userId;
    }

    private static String lastSeenKey(UUID userId) {
        return "sc:last-seen:" + userId;
    }
}
