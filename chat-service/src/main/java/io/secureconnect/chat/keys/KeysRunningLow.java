package io.secureconnect.chat.keys;

import java.util.UUID;

/** One of the user's devices has fewer one-time KeyPackages left than the low watermark: it should upload more. */
public record KeysRunningLow(UUID userId, String deviceId, int keyPackages) {
}
