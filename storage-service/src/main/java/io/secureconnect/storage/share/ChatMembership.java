package io.secureconnect.storage.share;

import java.util.UUID;

import io.secureconnect.common.peer.CallerToken;
import io.secureconnect.common.peer.PeerDeclined;
import io.secureconnect.common.peer.PeerUnavailable;
import io.secureconnect.common.peer.chat.ChatMembersApi;

import org.springframework.stereotype.Component;

/**
 * Asks chat-service whether a user may read a file through a conversation, with the caller's own bearer token
 * (a 2xx when the user is a member and a live message there still carries the file, 404 not: a deleted or expired
 * message withdraws the share). Any other answer, a timeout, or the open {@code chat} circuit breaker is "unknown",
 * and callers must then refuse (fail closed).
 */
@Component
class ChatMembership {

    enum Answer { MEMBER, NOT_MEMBER, UNKNOWN }

    private final ChatMembersApi chat;

    ChatMembership(ChatMembersApi chat) {
        this.chat = chat;
    }

    Answer isMember(UUID conversationId, UUID userId, UUID fileId, String bearerToken) {
        try {
            chat.member(new CallerToken(bearerToken), conversationId, userId, fileId);
            return Answer.MEMBER;
        } catch (PeerDeclined e) {
            return e.status().value() == 404 ? Answer.NOT_MEMBER : Answer.UNKNOWN;
        } catch (PeerUnavailable e) {
            return Answer.UNKNOWN; // unreachable, too slow, an odd answer, or the breaker is open
        }
    }
}
