package io.secureconnect.chat.mlswire;

/**
 * A {@code PublicMessage} (RFC 9420 §6.2): signed but not encrypted, so the DS can read a commit's proposals.
 * {@code commit} is null unless the content type is {@link ContentType#COMMIT}.
 */
public record PublicMessage(byte[] groupId, long epoch, Sender sender, int contentType, Commit commit)
        implements MlsMessage {
}
