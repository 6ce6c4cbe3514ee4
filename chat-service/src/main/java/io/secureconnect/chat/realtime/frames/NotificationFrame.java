package io.secureconnect.chat.realtime.frames;

import io.secureconnect.chat.notification.Notification;
import io.secureconnect.common.websocket.ServerFrame;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A new inbox item and the unread count after it. */
@JsonTypeName("notification")
public record NotificationFrame(Notification notification, long unreadCount) implements ServerFrame {
}
