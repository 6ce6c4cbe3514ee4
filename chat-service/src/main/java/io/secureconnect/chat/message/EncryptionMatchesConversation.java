package io.secureconnect.chat.message;

import io.secureconnect.chat.conversation.Conversation;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * An end-to-end encrypted conversation refuses plaintext, and any other conversation refuses ciphertext, so the
 * server never stores a plaintext where members expect it to be unreadable (nor ciphertext nobody can read). An
 * attachment message goes to both: its caption follows the conversation ({@link MessageContent}).
 */
@Component
@Order(SendPolicy.E2EE)
class EncryptionMatchesConversation implements SendPolicy {

    @Override
    public void checkMessage(Caller caller, Conversation conversation, SendMessage command) {
        MessageType type = MessageType.fromClient(command.type());
        if (conversation.e2ee() != (type == MessageType.E2EE) && type != MessageType.ATTACHMENT) {
            throw new ApiException(CommonErrorCode.VALIDATION_FAILED, conversation.e2ee()
                    ? "This conversation is end-to-end encrypted: send e2ee messages."
                    : "This conversation is not end-to-end encrypted: e2ee messages are refused.");
        }
    }
}
