package io.secureconnect.chat.message;

import java.util.List;
import java.util.UUID;

import io.secureconnect.common.security.Caller;

/**
 * Raised after a message is committed and handed to the fan-out: the extension point for what follows a message
 * (push to members without an open socket, the notification inbox, mentions). {@code sender} is who sent it, whose
 * token asks auth-service on their behalf (which members blocked them).
 */
public record MessageCommitted(Message message, List<UUID> memberIds, Caller sender) {
}
