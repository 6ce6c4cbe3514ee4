package io.secureconnect.chat.conversation;

import java.util.UUID;

/** A member as clients see it. */
public record Member(UUID userId, Role role) {
}
