package io.secureconnect.chat.mlswire;

/** A {@code PrivateMessage} (RFC 9420 §6.3): only its group, epoch and content type are in the clear. */
public record PrivateMessage(byte[] groupId, long epoch, int contentType) implements MlsMessage {
}
