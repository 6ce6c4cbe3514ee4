package io.secureconnect.chat.mls;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.UUID;

/** An e2ee conversation's MLS group id: its UUID as 16 bytes, most significant first (docs/e2ee.md). */
final class GroupId {

    private GroupId() {
    }

    static byte[] of(UUID conversationId) {
        return ByteBuffer.allocate(16).putLong(conversationId.getMostSignificantBits())
                .putLong(conversationId.getLeastSignificantBits()).array();
    }

    static boolean isOf(byte[] groupId, UUID conversationId) {
        return MessageDigest.isEqual(groupId, of(conversationId));
    }
}
