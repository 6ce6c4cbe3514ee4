package io.secureconnect.chat.notification;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a notification is about. {@code MESSAGE} only exists as a push preference (ordinary messages are pushed,
 * not kept in the inbox); every other kind lands in the inbox.
 */
public enum NotificationKind {
    MESSAGE, MENTION, REPLY, MISSED_CALL, FRIEND_REQUEST, POLL_RESULT;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    boolean inInbox() {
        return this != MESSAGE;
    }

    /** The kind a client named, or null. */
    static NotificationKind fromWire(String value) {
        for (NotificationKind kind : values()) {
            if (kind.wire().equals(value)) {
                return kind;
            }
        }
        return null;
    }
}
