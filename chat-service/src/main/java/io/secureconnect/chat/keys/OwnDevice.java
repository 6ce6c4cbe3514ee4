package io.secureconnect.chat.keys;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One of the caller's own devices as listed to them: the device, how many one-time KeyPackages it has left, and
 * whether it has a last-resort one (so a client sees it must upload).
 */
@Schema(name = "OwnMlsDevice")
record OwnDevice(@Schema(example = "0193a5b8-1c2d-7e3f-9a4b-5c6d7e8f9a01") UUID userId,
                 @Schema(example = "b6f1c2d4-3e5a-4f70-9a8b-1c2d3e4f5a6b") String deviceId,
                 @Schema(example = "Vx2kq7nJcO3mYl0rQ5bTzA8eF4hG6iK9uLwM1pN2sR0=", description = "Ed25519, base64")
                 String signatureKey,
                 @Schema(example = "eyJraWQiOiJKbTRsM2IwUyIsImFsZyI6IkVTMjU2In0.eyJzdWIiOi...",
                         description = "Compact JWS (ES256) by chat-service: the MLS basic credential's identity")
                 String credential,
                 @Schema(example = "2026-12-07T09:02:11Z") Instant createdAt,
                 @Schema(example = "42", description = "One-time KeyPackages left") int keyPackages,
                 @Schema(example = "true", description = "Whether it has a last-resort KeyPackage")
                 boolean lastResort) {

    OwnDevice(MlsDevice device, int keyPackages, boolean lastResort) {
        this(device.userId(), device.deviceId(), device.signatureKey(), device.credential(), device.createdAt(),
                keyPackages, lastResort);
    }
}
