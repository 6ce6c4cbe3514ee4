package io.secureconnect.chat.peer;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.secureconnect.common.security.Caller;
import io.secureconnect.chat.ChatProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * How the caller stands with some users, asked of auth-service in one question with the caller's token: whether
 * each has an account, is a contact, and has a block with the caller either way. Nothing is cached, and when
 * auth-service cannot answer the caller is refused (fail closed).
 */
@Component
public class Relations {

    private static final Logger log = LoggerFactory.getLogger(Relations.class);

    private final RestClient auth;

    Relations(ChatProperties properties) {
        this.auth = PeerClient.create(properties.authUrl(), properties);
    }

    /** The caller's relation with a user; a user without an account is absent. */
    public record Relation(UUID userId, boolean contact, boolean blocked) {
    }

    private record Answer(List<Relation> items) {
    }

    /** The relations of the caller with those of {@code userIds} who have an account (at most 1,000 at a time). */
    public Map<UUID, Relation> of(Caller caller, Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        try {
            Answer answer = auth.post().uri("/internal/v1/relations")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + caller.accessToken())
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("userIds", List.copyOf(userIds)))
                    .retrieve().body(Answer.class);
            if (answer == null || answer.items() == null) {
                throw PeerClient.unavailable("auth-service");
            }
            return answer.items().stream().collect(Collectors.toMap(Relation::userId, Function.identity()));
        } catch (RestClientException e) {
            log.warn("Relations query to auth-service failed: {}", e.getMessage());
            throw PeerClient.unavailable("auth-service");
        }
    }
}
