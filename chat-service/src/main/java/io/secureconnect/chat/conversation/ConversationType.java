package io.secureconnect.chat.conversation;

import com.fasterxml.jackson.annotation.JsonValue;

public enum ConversationType {
    DIRECT, GROUP;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    public static ConversationType fromWire(String value) {
        return valueOf(value.toUpperCase());
    }
}
