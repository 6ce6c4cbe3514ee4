package io.secureconnect.video.peers;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.secureconnect.common.peer.CallerToken;
import io.secureconnect.common.peer.PeerDeclined;
import io.secureconnect.common.peer.chat.ChatMembersApi;

import org.springframework.stereotype.Component;

/**
 * Asks chat-service who belongs to a conversation, with the caller's own token, so chat decides what the caller may
 * see: the members, or 404 when the conversation does not exist or the caller is not in it. When chat gives no
 * usable answer, calls fail closed ({@code CHAT_UNAVAILABLE}, 503), never open.
 */
@Component
public class ChatMembership {

    public record Member(UUID userId, String role) {
    }

    private final ChatMembersApi chat;

    ChatMembership(ChatMembersApi chat) {
        this.chat = chat;
    }

    /** The conversation's members, or empty when the caller is not one of them (or it does not exist). */
    public Optional<List<Member>> membersAsSeenBy(UUID conversationId, String callerToken) {
        try {
            return Optional.of(chat.members(new CallerToken(callerToken), conversationId).members().stream()
                    .map(member -> new Member(member.userId(), member.role())).toList());
        } catch (PeerDeclined e) {
            if (e.status().value() == 404 || e.status().value() == 403) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
