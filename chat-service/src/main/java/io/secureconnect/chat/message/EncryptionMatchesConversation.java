package io.secureconnect.chat.message;

import io.secureconnect.chat.conversation.Conversation;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * An end-to-end encrypted conversation refuses plaintext, and any other conversation refuses ciphertext, so the
 * server never stores a plaintext where members expect it to be unreadable (nor ciphertext nobody can read). In an
 * encrypted conversation a file travels as an {@code e2ee} message that lists the file's id in {@code attachments}
 * (its key, name and type are inside the ciphertext): a bare {@code attachment} message there would let a careless
 * client share a plaintext upload, and an emoji or edit on it would escape the e2ee rules.
 */
@Component
@Order(SendPolicy.E2EE)
class EncryptionMatchesConversation implements SendPolicy {

    @Override
    public void checkMessage(Caller caller, Conversation conversation, SendMessage command) {
        MessageType type = MessageType.fromClient(command.type());
        if (conversation.e2ee() && type != MessageType.E2EE) {
            throw new ApiException(CommonErrorCode.VALIDATION_FAILED, "This conversation is end-to-end encrypted: "
                    + "send e2ee messages (a file as an e2ee message listing its id in attachments).");
        }
        if (!conversation.e2ee() && type == MessageType.E2EE) {
            throw new ApiException(CommonErrorCode.VALIDATION_FAILED,
                    "This conversation is not end-to-end encrypted: e2ee messages are refused.");
        }
    }
}
