package io.secureconnect.chat.keys;

import java.util.Collection;
import java.util.UUID;

/**
 * A user's device was {@code added} or {@code removed}; {@code peers}, who share a conversation with the user (and
 * the user), hear of it ({@code keys.changed}) so their clients reconcile the groups they share before encrypting
 * again.
 */
public record KeysChanged(Collection<UUID> peers, UUID userId, String deviceId, String change) {
}
