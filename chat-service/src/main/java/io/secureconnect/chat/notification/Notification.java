package io.secureconnect.chat.notification;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One inbox item as its owner sees it. {@code data} holds the ids the client needs to show it (message, poll,
 * call, user), never message text.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Notification(UUID id, NotificationKind kind, boolean read, Instant createdAt, UUID conversationId,
                           UUID actorId, Map<String, Object> data) {
}
