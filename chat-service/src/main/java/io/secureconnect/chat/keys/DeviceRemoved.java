package io.secureconnect.chat.keys;

import java.util.UUID;

/**
 * An MLS device is gone (its owner removed it, or its session ended): its leaves are stale and must be removed by
 * the next commit of each group it is in; its KeyPackages and claims went with it.
 */
public record DeviceRemoved(UUID userId, String deviceId) {
}
