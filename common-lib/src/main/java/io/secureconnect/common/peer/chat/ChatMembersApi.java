package io.secureconnect.common.peer.chat;

import java.util.UUID;

import io.secureconnect.common.peer.CallerToken;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;

/**
 * chat-service's membership questions, asked with the caller's token (the caller must be a member; otherwise, as
 * everywhere in chat, 404): video before a call in a conversation, storage before a download of a shared file.
 */
public interface ChatMembersApi {

    String MEMBERS = "/internal/v1/conversations/{id}/members";
    String MEMBER = "/internal/v1/conversations/{id}/members/{userId}";

    /** The conversation's members; 404 when it does not exist or the caller is not in it. */
    @GetExchange(MEMBERS)
    ConversationMembers members(CallerToken caller, @PathVariable("id") UUID conversationId);

    /**
     * 204 when {@code userId} is a member, else 404; with {@code fileId}, 404 too unless that file is still attached
     * to a live message of the conversation.
     */
    @GetExchange(MEMBER)
    void member(CallerToken caller, @PathVariable("id") UUID conversationId, @PathVariable("userId") UUID userId,
                @RequestParam(name = "fileId", required = false) UUID fileId);
}
