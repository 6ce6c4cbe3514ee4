package io.secureconnect.chat.internal;

import java.util.UUID;

import io.secureconnect.common.peer.chat.ChatMembersApi;
import io.secureconnect.common.peer.chat.ConversationMembers;
import io.secureconnect.common.security.Caller;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Membership questions other services ask on a user's behalf, with that user's token (never routed by the
 * gateway): video-service before a call in a conversation, storage-service before a download of a shared file.
 * The caller must be a member; otherwise, as everywhere, 404 ({@link MembershipQuestions}).
 */
@RestController
class InternalConversationController {

    private final MembershipQuestions membership;

    InternalConversationController(MembershipQuestions membership) {
        this.membership = membership;
    }

    @GetMapping(ChatMembersApi.MEMBERS)
    ConversationMembers members(@PathVariable UUID id, Caller caller) {
        return membership.members(caller, id);
    }

    /** 204 when {@code userId} is a member (the caller must be one too), else 404; with {@code fileId}, see S10. */
    @GetMapping(ChatMembersApi.MEMBER)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void member(@PathVariable UUID id, @PathVariable UUID userId, @RequestParam(required = false) UUID fileId,
                Caller caller) {
        membership.requireMember(caller, id, userId, fileId);
    }
}
