package io.secureconnect.chat.message;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a message carries. {@code e2ee} is ciphertext the server stores and relays: in an MLS group an application
 * message, of which the server reads only the group and epoch. {@code system} messages (member added, group renamed,
 * ...) and {@code mls_commit} messages (an MLS group's handshake, accepted by the Delivery Service: docs/e2ee.md) are
 * written by the server only.
 */
public enum MessageType {
    TEXT, ATTACHMENT, SYSTEM, E2EE, MLS_COMMIT;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    /** The type a client asked for, or null when it is not one a client may send. */
    static MessageType fromClient(String value) {
        if (value == null) {
            return TEXT;
        }
        return switch (value) {
            case "text" -> TEXT;
            case "attachment" -> ATTACHMENT;
            case "e2ee" -> E2EE;
            default -> null;
        };
    }

    static MessageType fromWire(String value) {
        return valueOf(value.toUpperCase());
    }
}
