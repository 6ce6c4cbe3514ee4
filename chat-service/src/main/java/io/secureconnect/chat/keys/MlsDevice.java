package io.secureconnect.chat.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * One of a user's MLS devices: its Ed25519 signature key (base64) and the credential chat-service signed for it
 * (a compact JWS, the MLS basic credential's identity). Its key never changes: a new key is a new device.
 */
public record MlsDevice(UUID userId, String deviceId, String signatureKey, String credential, Instant createdAt) {

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
