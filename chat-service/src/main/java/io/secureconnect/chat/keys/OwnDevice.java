package io.secureconnect.chat.keys;

import java.time.Instant;
import java.util.UUID;

/**
 * One of the caller's own devices as listed to them: the device, how many one-time KeyPackages it has left, and
 * whether it has a last-resort one (so a client sees it must upload).
 */
record OwnDevice(UUID userId, String deviceId, String signatureKey, String credential, Instant createdAt,
                 int keyPackages, boolean lastResort) {

    OwnDevice(MlsDevice device, int keyPackages, boolean lastResort) {
        this(device.userId(), device.deviceId(), device.signatureKey(), device.credential(), device.createdAt(),
                keyPackages, lastResort);
    }
}
