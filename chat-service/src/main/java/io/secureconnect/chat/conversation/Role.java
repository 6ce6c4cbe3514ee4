package io.secureconnect.chat.conversation;

import com.fasterxml.jackson.annotation.JsonValue;

/** A member's role in a group; in a direct conversation both members are plain members. */
public enum Role {
    OWNER, ADMIN, MEMBER;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    public static Role fromWire(String value) {
        return valueOf(value.toUpperCase());
    }

    /** Owners and admins manage members and the group's name and avatar. */
    boolean manages() {
        return this != MEMBER;
    }
}
