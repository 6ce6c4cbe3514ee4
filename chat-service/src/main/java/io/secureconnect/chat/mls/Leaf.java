package io.secureconnect.chat.mls;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An occupied leaf of a group's ratchet tree and the device that sits there, with the leaf's signature key: the
 * device is that leaf only while it is registered with that key.
 */
public record Leaf(int leafIndex, UUID userId, String deviceId, @JsonIgnore byte[] signatureKey) {

    UserDevice device() {
        return new UserDevice(userId, deviceId);
    }
}
