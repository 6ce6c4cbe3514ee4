package io.secureconnect.chat.notification;

import java.util.UUID;

/** The user's unread count after items were read or deleted, so their other open clients show the right badge. */
public record UnreadCountChanged(UUID userId, long unreadCount) {
}
