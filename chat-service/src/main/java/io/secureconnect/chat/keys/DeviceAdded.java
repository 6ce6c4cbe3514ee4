package io.secureconnect.chat.keys;

import java.util.UUID;

/** A user registered a new MLS device: it is pending in each of their e2ee conversations until a commit adds it. */
public record DeviceAdded(UUID userId, String deviceId) {
}
