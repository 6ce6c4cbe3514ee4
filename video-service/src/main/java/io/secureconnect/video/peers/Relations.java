package io.secureconnect.video.peers;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.secureconnect.common.web.ApiException;
import io.secureconnect.video.VideoErrorCode;
import io.secureconnect.video.VideoProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Who of some users the caller may ring, asked of auth-service in one question with the caller's token
 * ({@code POST /internal/v1/relations}: for each user with an account, whether they are a contact and whether either
 * blocked the other). A blocked user is never rung; an ad hoc call rings only the caller's contacts (S19: anyone else
 * is called from a conversation they share). Fails closed: when auth cannot answer, or answers nonsense, no call is
 * placed.
 */
@Component
public class Relations {

    private static final Logger log = LoggerFactory.getLogger(Relations.class);

    private final RestClient auth;

    Relations(VideoProperties properties) {
        this.auth = PeerClients.restClient(properties.authUrl(), properties.peerTimeout());
    }

    private record Relation(UUID userId, boolean contact, boolean blocked) {
    }

    private record Answer(List<Relation> items) {
    }

    /** Those of {@code users} with an account and no block with the caller; only contacts when {@code contactsOnly}. */
    public Set<UUID> mayRing(Collection<UUID> users, String callerToken, boolean contactsOnly) {
        if (users.isEmpty()) {
            return Set.of();
        }
        Answer answer;
        try {
            answer = auth.post().uri("/internal/v1/relations").header("Authorization", "Bearer " + callerToken)
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("userIds", List.copyOf(users)))
                    .retrieve().body(Answer.class);
        } catch (RestClientException e) {
            log.warn("auth-service could not answer a relations query: {}", e.toString());
            throw unavailable();
        }
        if (answer == null || answer.items() == null) {
            throw unavailable();
        }
        return answer.items().stream()
                .filter(relation -> users.contains(relation.userId()) && !relation.blocked()
                        && (relation.contact() || !contactsOnly))
                .map(Relation::userId).collect(Collectors.toSet());
    }

    private static ApiException unavailable() {
        return new ApiException(VideoErrorCode.AUTH_UNAVAILABLE, "Blocks cannot be checked right now; try again shortly.");
    }
}
