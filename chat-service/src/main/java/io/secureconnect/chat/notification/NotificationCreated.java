package io.secureconnect.chat.notification;

import java.util.UUID;

/** A new inbox item of {@code userId}, with their unread count after it, for that user's open clients. */
public record NotificationCreated(UUID userId, Notification notification, long unreadCount) {
}
