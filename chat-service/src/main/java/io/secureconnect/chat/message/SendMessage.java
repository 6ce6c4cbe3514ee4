package io.secureconnect.chat.message;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a client sends, over REST or WebSocket. {@code clientId} is the client's idempotency key: sending the same
 * one again returns the first message instead of writing a second.
 */
public record SendMessage(UUID conversationId, String clientId, String type, String body, UUID replyTo,
                          List<UUID> attachments) {

    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    public SendMessage {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** Whether {@code clientId} can be the idempotency key: 1 to 64 letters, digits or . _ : - */
    boolean hasUsableClientId() {
        return clientId != null && CLIENT_ID.matcher(clientId).matches();
    }

    /** The attached files, each once, in the order given. */
    List<UUID> distinctAttachments() {
        return List.copyOf(new LinkedHashSet<>(attachments));
    }
}
