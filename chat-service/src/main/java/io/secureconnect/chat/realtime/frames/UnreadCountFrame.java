package io.secureconnect.chat.realtime.frames;

import io.secureconnect.common.websocket.ServerFrame;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** The unread count after items were read or deleted elsewhere. */
@JsonTypeName("notifications.unread")
public record UnreadCountFrame(long unreadCount) implements ServerFrame {
}
