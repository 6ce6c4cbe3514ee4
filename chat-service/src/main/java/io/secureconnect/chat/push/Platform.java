package io.secureconnect.chat.push;

import com.fasterxml.jackson.annotation.JsonValue;

/** Push services a device can be registered with. */
public enum Platform {
    FCM, APNS, WEBPUSH;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    /** The platform a client named, or null when it names none. */
    static Platform fromWire(String value) {
        return switch (value == null ? "" : value) {
            case "fcm" -> FCM;
            case "apns" -> APNS;
            case "webpush" -> WEBPUSH;
            default -> null;
        };
    }
}
