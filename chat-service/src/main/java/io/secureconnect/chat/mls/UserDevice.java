package io.secureconnect.chat.mls;

import java.util.UUID;

/** A device of a user: an MLS client, one leaf of each group it is in. */
public record UserDevice(UUID userId, String deviceId) {
}
