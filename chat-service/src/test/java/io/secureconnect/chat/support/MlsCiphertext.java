package io.secureconnect.chat.support;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A body an e2ee conversation takes, for tests that are not about MLS: an {@code MLSMessage} holding a {@code
 * PrivateMessage} application message of the conversation's group (RFC 9420 §6.3 framing), whose sender data and
 * ciphertext are random bytes. The server reads only the framing; tests about MLS itself use a real client
 * ({@code MlsTestClient}).
 */
public final class MlsCiphertext {

    private MlsCiphertext() {
    }

    public static String applicationMessage(UUID conversationId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 1, 0, 2}); // mls10, mls_private_message
        out.write(16);
        out.writeBytes(ByteBuffer.allocate(16).putLong(conversationId.getMostSignificantBits())
                .putLong(conversationId.getLeastSignificantBits()).array());
        out.writeBytes(ByteBuffer.allocate(8).putLong(0).array()); // epoch: a group before its first commit
        out.write(1); // content type: application
        out.write(0); // no authenticated data
        opaque(out, 40); // encrypted_sender_data
        opaque(out, 60); // ciphertext
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    /** A vector of random bytes, short enough for a one-byte length (RFC 9420 §2.1.2). */
    private static void opaque(ByteArrayOutputStream out, int length) {
        byte[] random = new byte[length];
        ThreadLocalRandom.current().nextBytes(random);
        out.write(length);
        out.writeBytes(random);
    }
}
