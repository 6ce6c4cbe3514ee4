package io.secureconnect.chat.message;

import java.util.List;
import java.util.UUID;

/**
 * Raised after a message is committed and handed to the fan-out: the extension point for what follows a message
 * (push to members without an open socket, the notification inbox, mentions).
 */
public record MessageCommitted(Message message, List<UUID> memberIds) {
}
