package io.secureconnect.chat.mlswire;

/**
 * What the Delivery Service reads out of an {@code MLSMessage} (RFC 9420 §6): one record per wire format. Only
 * the fields the DS acts on are kept; nothing here is verified (signatures, tags and ciphertexts are the clients'
 * business), it is only known to be well formed.
 */
public sealed interface MlsMessage
        permits KeyPackageMessage, PublicMessage, PrivateMessage, WelcomeMessage, GroupInfoMessage {

    /** MLS 1.0, the only protocol version. */
    int MLS10 = 1;
}
