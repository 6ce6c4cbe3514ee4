package io.secureconnect.chat.mlswire;

import java.util.List;

/**
 * A {@code Welcome} (RFC 9420 §12.4.3.1). {@code newMembers} are the KeyPackageRefs it has secrets for (compare
 * with {@link KeyPackageMessage#mlsReference()}); the group info inside is encrypted.
 */
public record WelcomeMessage(int cipherSuite, List<byte[]> newMembers) implements MlsMessage {

    public WelcomeMessage {
        newMembers = List.copyOf(newMembers);
    }
}
