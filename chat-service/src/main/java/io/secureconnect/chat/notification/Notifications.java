package io.secureconnect.chat.notification;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.secureconnect.chat.push.PushContent;
import io.secureconnect.chat.push.Pushes;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.paging.Cursor;
import io.secureconnect.common.paging.Page;
import io.secureconnect.common.redis.RedisGuard;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.web.ApiException;
import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Service;

/**
 * The notification inbox. {@link #record} is the way in for every kind (mentions and replies come from
 * {@link MessageNotifier}; missed calls, friend requests and poll results from whoever learns of them): the item
 * is stored, shown live to the user's open clients as a {@code notification} frame, and pushed when the user has
 * no open socket and wants that kind pushed.
 */
@Service
public class Notifications {

    private final NotificationRepository inbox;
    private final PushPolicy policy;
    private final Pushes pushes;
    private final ApplicationEventPublisher events;
    private final AuditLogger audit;
    private final StringRedisTemplate redis;
    private final RedisGuard guard;

    Notifications(NotificationRepository inbox, PushPolicy policy, Pushes pushes, ApplicationEventPublisher events,
                  AuditLogger audit, StringRedisTemplate redis, RedisGuard guard) {
        this.redis = redis;
        this.guard = guard;
        this.inbox = inbox;
        this.policy = policy;
        this.pushes = pushes;
        this.events = events;
        this.audit = audit;
    }

    /**
     * Records a notification for {@code userId}. {@code data} holds ids only (never message text); its
     * {@code conversationId} and {@code actorId} members, when present, are kept as such (a muted conversation's
     * notifications are not pushed).
     */
    public Notification record(UUID userId, NotificationKind kind, Map<String, ?> data) {
        return recordForAll(List.of(userId), kind, data).getFirst();
    }

    /**
     * The same notification for several users (a poll's results to its conversation's members, a missed call to
     * every callee), with one push decision for all of them.
     */
    public List<Notification> recordForAll(Collection<UUID> userIds, NotificationKind kind, Map<String, ?> data) {
        List<UUID> users = userIds.stream().distinct().toList();
        List<Notification> recorded = users.stream().map(user -> store(user, kind, data)).toList();
        if (users.isEmpty()) {
            return recorded;
        }
        Set<UUID> push = Set.copyOf(policy.recipients(kind, recorded.getFirst().conversationId(), users));
        for (int i = 0; i < users.size(); i++) {
            if (push.contains(users.get(i))) {
                pushes.toUsers(List.of(users.get(i)), pushContent(recorded.get(i)));
            }
        }
        return recorded;
    }

    /**
     * {@link #recordForAll}, once per {@code eventKey} across all chat instances: for events every instance hears,
     * like the user events relayed from Redis (a missed call's {@code callId}). The key is claimed in Redis for a day;
     * while Redis is degraded the event is recorded (a rare duplicate beats a lost missed call).
     *
     * @return false when another instance (or an earlier delivery) recorded it already
     */
    public boolean recordOnce(String eventKey, Collection<UUID> userIds, NotificationKind kind, Map<String, ?> data) {
        String key = "sc:notification-once:" + kind.wire() + ":" + eventKey;
        boolean first = guard.call(() -> !Boolean.FALSE.equals(redis.opsForValue().setIfAbsent(key, "1", Duration.ofDays(1))),
                () -> true);
        if (first) {
            recordForAll(userIds, kind, data);
        }
        return first;
    }

    /** Stores and shows an inbox item without pushing it (the caller pushes, once per message). */
    Notification store(UUID userId, NotificationKind kind, Map<String, ?> data) {
        if (!kind.inInbox()) {
            throw new IllegalArgumentException(kind + " is not kept in the inbox");
        }
        Map<String, Object> rest = new LinkedHashMap<>(data);
        UUID conversationId = uuid(rest.remove("conversationId"));
        UUID actorId = uuid(rest.remove("actorId"));
        Notification notification = inbox.insert(userId, kind, conversationId, actorId, rest);
        events.publishEvent(new NotificationCreated(userId, notification, inbox.unreadCount(userId)));
        return notification;
    }

    /** A page of the inbox with the badge count: {@code {items, unreadCount, nextCursor}}. */
    @Schema(name = "NotificationInbox")
    record Inbox(List<Notification> items, @Schema(example = "3") long unreadCount,
                 @Schema(example = "AZOlwn8Qeh2MVS-dOx5qcA", nullable = true,
                         description = "Pass as `cursor` for the next page; null on the last page")
                 String nextCursor) {
    }

    Inbox page(Caller caller, UUID before, boolean unreadOnly, int limit) {
        Page<Notification> page = Page.of(inbox.page(caller.userId(), before, unreadOnly, limit + 1), limit,
                last -> Cursor.encode(last.id()));
        return new Inbox(page.items(), inbox.unreadCount(caller.userId()), page.nextCursor());
    }

    long unreadCount(Caller caller) {
        return inbox.unreadCount(caller.userId());
    }

    void markRead(Caller caller, UUID id) {
        if (!inbox.markRead(caller.userId(), id)) {
            throw notFound(caller, id, "chat.notification.read");
        }
        announceUnread(caller);
    }

    void markAllRead(Caller caller) {
        if (inbox.markAllRead(caller.userId()) > 0) {
            announceUnread(caller);
        }
    }

    void delete(Caller caller, UUID id) {
        if (!inbox.delete(caller.userId(), id)) {
            throw notFound(caller, id, "chat.notification.delete");
        }
        announceUnread(caller);
    }

    /** Keeps the badge of the user's other open clients right. */
    private void announceUnread(Caller caller) {
        events.publishEvent(new UnreadCountChanged(caller.userId(), inbox.unreadCount(caller.userId())));
    }

    private ApiException notFound(Caller caller, UUID id, String action) {
        audit.record(AuditEvent.of(action, AuditResult.DENIED).user(caller.userId()).resource("notification:" + id)
                .reason("not the caller's notification"));
        return new ApiException(NotificationErrorCode.NOTIFICATION_NOT_FOUND, "No such notification.");
    }

    /** A push that says what happened but carries no content: the app opens the inbox item for details. */
    static PushContent pushContent(Notification notification) {
        String title = switch (notification.kind()) {
            case MENTION -> "You were mentioned";
            case REPLY -> "New reply";
            case MISSED_CALL -> "Missed call";
            case FRIEND_REQUEST -> "New friend request";
            case POLL_RESULT -> "Poll results";
            case MESSAGE -> "New message";
        };
        Map<String, String> data = new LinkedHashMap<>();
        data.put("notificationId", notification.id().toString());
        if (notification.conversationId() != null) {
            data.put("conversationId", notification.conversationId().toString());
        }
        return new PushContent(notification.kind().wire(), title, null, data);
    }

    private static UUID uuid(Object value) {
        return switch (value) {
            case null -> null;
            case UUID id -> id;
            default -> UUID.fromString(value.toString());
        };
    }
}
