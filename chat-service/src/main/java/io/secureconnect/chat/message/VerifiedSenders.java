package io.secureconnect.chat.message;

import io.secureconnect.chat.ChatProperties;
import io.secureconnect.chat.conversation.Conversation;
import io.secureconnect.chat.conversation.ConversationAccess;
import io.secureconnect.common.security.Caller;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Unverified users may read but not send, when the deployment says so: {@code EMAIL_NOT_VERIFIED}, audited. */
@Component
@Order(SendPolicy.VERIFIED_EMAIL)
class VerifiedSenders implements SendPolicy {

    private final ConversationAccess access;
    private final ChatProperties properties;

    VerifiedSenders(ConversationAccess access, ChatProperties properties) {
        this.access = access;
        this.properties = properties;
    }

    @Override
    public void checkSender(Caller caller, Conversation conversation) {
        access.requireMayWrite(caller, SendingMessage.ACTION);
    }

    @Override
    public boolean refusesSender(Caller caller, Conversation conversation) {
        return properties.requireVerifiedEmail() && !caller.emailVerified();
    }
}
