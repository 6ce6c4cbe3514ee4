package io.secureconnect.chat.internal;

import java.util.UUID;

import io.secureconnect.chat.ChatErrorCode;
import io.secureconnect.chat.conversation.ConversationAccess;
import io.secureconnect.chat.conversation.ConversationRepository;
import io.secureconnect.chat.message.MessageRepository;
import io.secureconnect.common.peer.chat.ChatMembersApi;
import io.secureconnect.common.peer.chat.ConversationMember;
import io.secureconnect.common.peer.chat.ConversationMembers;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.web.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Membership questions other services ask on a user's behalf, with that user's token (never routed by the
 * gateway): video-service before a call in a conversation, storage-service before a download of a shared file.
 * The caller must be a member; otherwise, as everywhere, 404.
 */
@RestController
class InternalConversationController {

    private final ConversationAccess access;
    private final ConversationRepository conversations;
    private final MessageRepository messages;

    InternalConversationController(ConversationAccess access, ConversationRepository conversations,
                                   MessageRepository messages) {
        this.access = access;
        this.conversations = conversations;
        this.messages = messages;
    }

    @GetMapping(ChatMembersApi.MEMBERS)
    ConversationMembers members(@PathVariable UUID id, Caller caller) {
        access.requireMember(caller, id, "chat.internal.members");
        return new ConversationMembers(conversations.members(id).stream()
                .map(member -> new ConversationMember(member.userId(), member.role().wire())).toList());
    }

    /**
     * 204 when {@code userId} is a member (the caller must be one too), else 404. With {@code fileId}, also 404 unless
     * that file is still attached to a live message of the conversation (S10): once the last such message is
     * deleted or has expired, the file is no longer shared there.
     */
    @GetMapping(ChatMembersApi.MEMBER)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void member(@PathVariable UUID id, @PathVariable UUID userId, @RequestParam(required = false) UUID fileId,
                Caller caller) {
        access.requireMember(caller, id, "chat.internal.member");
        if (conversations.roleOf(id, userId).isEmpty()) {
            throw new ApiException(ChatErrorCode.CONVERSATION_NOT_FOUND, "Not a member.");
        }
        if (fileId != null && !messages.isAttachedToALiveMessage(id, fileId)) {
            throw new ApiException(ChatErrorCode.MESSAGE_NOT_FOUND, "The file is not attached to any message here.");
        }
    }
}
