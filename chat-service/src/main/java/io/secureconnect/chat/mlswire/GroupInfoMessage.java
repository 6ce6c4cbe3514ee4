package io.secureconnect.chat.mlswire;

/** A {@code GroupInfo} (RFC 9420 §12.4.3): the group context's suite, group id and epoch. */
public record GroupInfoMessage(int cipherSuite, byte[] groupId, long epoch) implements MlsMessage {
}
