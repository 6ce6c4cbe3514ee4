package io.secureconnect.chat.mls;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An occupied leaf of a group's ratchet tree and the device that sits there, with the leaf's signature key: the
 * device is that leaf only while it is registered with that key.
 */
@Schema(name = "MlsLeaf")
public record Leaf(@Schema(example = "2") int leafIndex,
                   @Schema(example = "0193a5b8-2d3e-7f40-8b5c-6d7e8f9a0b12") UUID userId,
                   @Schema(example = "3c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f") String deviceId,
                   @JsonIgnore byte[] signatureKey) {

    UserDevice device() {
        return new UserDevice(userId, deviceId);
    }
}
