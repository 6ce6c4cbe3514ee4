package io.secureconnect.chat.keys;

import java.util.Collection;
import java.util.UUID;

/**
 * A user's device got a new identity key ({@code identity}) or is gone ({@code removed}); {@code peers}, who share a
 * conversation with the user, must fetch the bundles again before encrypting to them.
 */
public record KeysChanged(Collection<UUID> peers, UUID userId, String deviceId, String change) {
}
