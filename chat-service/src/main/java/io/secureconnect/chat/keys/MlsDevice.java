package io.secureconnect.chat.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One of a user's MLS devices: its Ed25519 signature key (base64) and the credential chat-service signed for it
 * (a compact JWS, the MLS basic credential's identity). Its key never changes: a new key is a new device.
 */
public record MlsDevice(
        @Schema(example = "0193a5b8-1c2d-7e3f-9a4b-5c6d7e8f9a01") UUID userId,
        @Schema(example = "b6f1c2d4-3e5a-4f70-9a8b-1c2d3e4f5a6b") String deviceId,
        @Schema(example = "Vx2kq7nJcO3mYl0rQ5bTzA8eF4hG6iK9uLwM1pN2sR0=", description = "Ed25519, base64")
        String signatureKey,
        @Schema(example = "eyJraWQiOiJKbTRsM2IwUyIsImFsZyI6IkVTMjU2In0.eyJzdWIiOi...",
                description = "Compact JWS (ES256) of `{sub, dev, sig, iat}` by chat-service: the MLS basic "
                        + "credential's identity")
        String credential,
        @Schema(example = "2026-12-07T09:02:11Z") Instant createdAt) {

    /** Whether {@code key} is this device's signature key (e.g. the one in an MLS leaf). */
    public boolean signsWith(byte[] key) {
        return MessageDigest.isEqual(signatureKeyBytes(), key);
    }

    /** The credential as the bytes an MLS basic credential's identity must hold. */
    public boolean hasIdentity(byte[] identity) {
        return MessageDigest.isEqual(credential.getBytes(StandardCharsets.UTF_8), identity);
    }

    byte[] signatureKeyBytes() {
        return Base64.getDecoder().decode(signatureKey);
    }
}
