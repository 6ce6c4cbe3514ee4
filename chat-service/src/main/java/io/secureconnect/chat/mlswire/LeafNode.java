package io.secureconnect.chat.mlswire;

/**
 * The parts of a {@code LeafNode} (RFC 9420 §7.2) the DS looks at. {@code identity} is the basic credential's
 * identity, or the first (end-entity) certificate of an X.509 credential.
 */
public record LeafNode(int source, byte[] encryptionKey, byte[] signatureKey, int credentialType, byte[] identity) {

    public static final int SOURCE_KEY_PACKAGE = 1;
    public static final int SOURCE_UPDATE = 2;
    public static final int SOURCE_COMMIT = 3;

    public static final int CREDENTIAL_BASIC = 1;
    public static final int CREDENTIAL_X509 = 2;
}
