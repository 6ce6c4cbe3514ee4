package io.secureconnect.chat.message;

import io.secureconnect.chat.conversation.ConversationAccess;
import io.secureconnect.common.security.Caller;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Only a member sends into a conversation, a retry too: anyone else gets the same audited 404 as for a conversation
 * that does not exist ({@link ConversationAccess}).
 */
@Component
@Order(SendPolicy.MEMBERSHIP)
class MembersOnly implements SendPolicy {

    private final ConversationAccess access;

    MembersOnly(ConversationAccess access) {
        this.access = access;
    }

    @Override
    public void checkAttempt(Caller caller, SendMessage command) {
        access.requireMember(caller, command.conversationId(), SendingMessage.ACTION);
    }
}
