package io.secureconnect.chat.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.chat.Caller;
import io.secureconnect.chat.ChatErrorCode;
import io.secureconnect.chat.conversation.ConversationAccess;
import io.secureconnect.chat.conversation.ConversationRepository;
import io.secureconnect.chat.conversation.Member;
import io.secureconnect.common.web.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
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

    InternalConversationController(ConversationAccess access, ConversationRepository conversations) {
        this.access = access;
        this.conversations = conversations;
    }

    @GetMapping("/internal/v1/conversations/{id}/members")
    Map<String, List<Member>> members(@PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        access.requireMember(Caller.of(token), id, "chat.internal.members");
        return Map.of("members", conversations.members(id));
    }

    /** 204 when {@code userId} is a member (the caller must be one too), else 404. */
    @GetMapping("/internal/v1/conversations/{id}/members/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void member(@PathVariable UUID id, @PathVariable UUID userId, @AuthenticationPrincipal Jwt token) {
        access.requireMember(Caller.of(token), id, "chat.internal.member");
        if (conversations.roleOf(id, userId).isEmpty()) {
            throw new ApiException(ChatErrorCode.CONVERSATION_NOT_FOUND, "Not a member.");
        }
    }
}
