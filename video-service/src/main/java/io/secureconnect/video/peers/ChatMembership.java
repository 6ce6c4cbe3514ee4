package io.secureconnect.video.peers;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.secureconnect.common.web.ApiException;
import io.secureconnect.video.VideoErrorCode;
import io.secureconnect.video.VideoProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Asks chat-service who belongs to a conversation, with the caller's own token, so chat decides what the caller may
 * see: {@code GET /internal/v1/conversations/{id}/members} answers the members, or 404 when the conversation does not
 * exist or the caller is not in it. When chat cannot answer, calls fail closed (503), never open.
 */
@Component
public class ChatMembership {

    private static final Logger log = LoggerFactory.getLogger(ChatMembership.class);

    public record Member(UUID userId, String role) {
    }

    record Members(List<Member> members) {
    }

    private final RestClient chat;

    ChatMembership(VideoProperties properties) {
        this.chat = PeerClients.restClient(properties.chatUrl(), properties.peerTimeout());
    }

    /** The conversation's members, or empty when the caller is not one of them (or it does not exist). */
    public Optional<List<Member>> membersAsSeenBy(UUID conversationId, String callerToken) {
        try {
            Members members = chat.get().uri("/internal/v1/conversations/{id}/members", conversationId)
                    .header("Authorization", "Bearer " + callerToken)
                    .retrieve().body(Members.class);
            return Optional.of(members == null || members.members() == null ? List.of() : members.members());
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.NOT_FOUND || e.getStatusCode() == HttpStatus.FORBIDDEN) {
                return Optional.empty();
            }
            throw unavailable(e);
        } catch (RestClientException e) {
            throw unavailable(e);
        }
    }

    private static ApiException unavailable(Exception cause) {
        log.warn("chat-service could not answer a membership question: {}", cause.toString());
        return new ApiException(VideoErrorCode.CHAT_UNAVAILABLE,
                "Conversation membership cannot be checked right now; try again shortly.");
    }

}
