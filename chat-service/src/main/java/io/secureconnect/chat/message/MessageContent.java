package io.secureconnect.chat.message;

import io.secureconnect.chat.ChatProperties;
import io.secureconnect.chat.conversation.Conversation;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.text.StorableText;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * What a message holds fits: at most {@value #MAX_ATTACHMENTS} attachments, an attachment message with at least one
 * file, a body within the length limit in text PostgreSQL and JSON can carry, and a reply to a message of this
 * conversation.
 */
@Component
@Order(SendPolicy.CONTENT)
class MessageContent implements SendPolicy {

    static final int MAX_ATTACHMENTS = 10;

    private final MessageRepository messages;
    private final ChatProperties properties;

    MessageContent(MessageRepository messages, ChatProperties properties) {
        this.messages = messages;
        this.properties = properties;
    }

    @Override
    public void checkMessage(Caller caller, Conversation conversation, SendMessage command) {
        MessageType type = MessageType.fromClient(command.type());
        if (command.attachments().size() > MAX_ATTACHMENTS) {
            throw invalid("At most " + MAX_ATTACHMENTS + " attachments per message.");
        }
        if (type == MessageType.ATTACHMENT) {
            if (command.attachments().isEmpty()) {
                throw invalid("An attachment message needs at least one file id in attachments.");
            }
            if (command.body() != null) {
                requireBody(command.body(), conversation.e2ee() ? MessageType.E2EE : MessageType.TEXT);
            }
        } else {
            requireBody(command.body(), type);
        }
        if (command.replyTo() != null && messages.find(conversation.id(), command.replyTo()).isEmpty()) {
            throw invalid("replyTo names no message of this conversation.");
        }
    }

    /** The body of a new or edited message of {@code type}; throws {@code VALIDATION_FAILED}. */
    void requireBody(String body, MessageType type) {
        // ciphertext is base64 of the plaintext plus envelope overhead, so it gets more room
        int max = type == MessageType.E2EE ? properties.maxTextLength() * 2 + 1024 : properties.maxTextLength();
        if (body == null || body.isBlank() || body.length() > max) {
            throw invalid("body is required and holds at most " + max + " characters.");
        }
        if (!StorableText.isStorable(body)) {
            // refused here, so one such message does not fail a group commit (PostgreSQL refuses NUL) nor every
            // socket it would be sent to (an unpaired surrogate cannot be encoded)
            throw invalid("body " + StorableText.PROBLEM + ".");
        }
    }

    private static ApiException invalid(String detail) {
        return new ApiException(CommonErrorCode.VALIDATION_FAILED, detail);
    }
}
