package io.secureconnect.chat.keys;

import java.util.UUID;

/** One of the user's devices reached the low watermark of one-time prekeys: it should upload more. */
public record KeysRunningLow(UUID userId, String deviceId, int oneTimePreKeys) {
}
