package io.secureconnect.chat.message;

import io.secureconnect.chat.conversation.Conversation;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** A client sends text, attachment or e2ee messages; system messages and anything else are refused. */
@Component
@Order(SendPolicy.MESSAGE_TYPE)
class KnownMessageTypes implements SendPolicy {

    @Override
    public void checkMessage(Caller caller, Conversation conversation, SendMessage command) {
        if (MessageType.fromClient(command.type()) == null) {
            throw new ApiException(CommonErrorCode.VALIDATION_FAILED, "type must be text, attachment or e2ee.");
        }
    }
}
