package io.secureconnect.auth.passkey;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.UUID;

import org.springframework.security.web.webauthn.api.Bytes;

/**
 * The WebAuthn user handle of an account: the 16 bytes of its id. It carries nothing personal (WebAuthn asks that of
 * a handle) and is already how every other service names the user, so no table maps one to the other.
 */
final class UserHandle {

    private UserHandle() {
    }

    static Bytes of(UUID userId) {
        return new Bytes(ByteBuffer.allocate(16).putLong(userId.getMostSignificantBits())
                .putLong(userId.getLeastSignificantBits()).array());
    }

    /** The account a handle names; empty for bytes that cannot be one of ours. */
    static Optional<UUID> userId(Bytes handle) {
        byte[] bytes = handle == null ? null : handle.getBytes();
        if (bytes == null || bytes.length != 16) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return Optional.of(new UUID(buffer.getLong(), buffer.getLong()));
    }
}
