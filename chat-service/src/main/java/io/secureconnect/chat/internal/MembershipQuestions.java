package io.secureconnect.chat.internal;

import java.util.UUID;

import io.secureconnect.chat.ChatErrorCode;
import io.secureconnect.chat.conversation.ConversationAccess;
import io.secureconnect.chat.conversation.ConversationRepository;
import io.secureconnect.chat.message.MessageRepository;
import io.secureconnect.common.peer.chat.ConversationMember;
import io.secureconnect.common.peer.chat.ConversationMembers;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.web.ApiException;

import org.springframework.stereotype.Service;

/**
 * The answers to the membership questions other services ask on a user's behalf. The asking user must be a member;
 * otherwise, as everywhere, 404.
 */
@Service
class MembershipQuestions {

    private final ConversationAccess access;
    private final ConversationRepository conversations;
    private final MessageRepository messages;

    MembershipQuestions(ConversationAccess access, ConversationRepository conversations, MessageRepository messages) {
        this.access = access;
        this.conversations = conversations;
        this.messages = messages;
    }

    ConversationMembers members(Caller caller, UUID conversationId) {
        access.requireMember(caller, conversationId, "chat.internal.members");
        return new ConversationMembers(conversations.members(conversationId).stream()
                .map(member -> new ConversationMember(member.userId(), member.role().wire())).toList());
    }

    /**
     * Returns when {@code userId} is a member, else 404; with {@code fileId}, also 404 unless that file is still
     * attached to a live message of the conversation (S10): once the last such message is deleted or has expired,
     * the file is no longer shared there.
     */
    void requireMember(Caller caller, UUID conversationId, UUID userId, UUID fileId) {
        access.requireMember(caller, conversationId, "chat.internal.member");
        if (conversations.roleOf(conversationId, userId).isEmpty()) {
            throw new ApiException(ChatErrorCode.CONVERSATION_NOT_FOUND, "Not a member.");
        }
        if (fileId != null && !messages.isAttachedToALiveMessage(conversationId, fileId)) {
            throw new ApiException(ChatErrorCode.MESSAGE_NOT_FOUND, "The file is not attached to any message here.");
        }
    }
}
