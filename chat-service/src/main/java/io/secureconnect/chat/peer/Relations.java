package io.secureconnect.chat.peer;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.secureconnect.common.peer.CallerToken;
import io.secureconnect.common.peer.auth.AuthBlocksApi;
import io.secureconnect.common.peer.auth.RelationsQuery;
import io.secureconnect.common.security.Caller;

import org.springframework.stereotype.Component;

/**
 * How the caller stands with some users, asked of auth-service in one question with the caller's token: whether
 * each has an account, is a contact, and has a block with the caller either way. Nothing is cached, and when
 * auth-service gives no usable answer the caller is refused (fail closed, {@code PEER_UNAVAILABLE}).
 */
@Component
public class Relations {

    private final AuthBlocksApi auth;

    Relations(AuthBlocksApi auth) {
        this.auth = auth;
    }

    /** The caller's relation with a user; a user without an account is absent. */
    public record Relation(UUID userId, boolean contact, boolean blocked) {
    }

    /** The relations of the caller with those of {@code userIds} who have an account (at most 1,000 at a time). */
    public Map<UUID, Relation> of(Caller caller, Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        return auth.relations(new CallerToken(caller.accessToken()), new RelationsQuery(List.copyOf(userIds))).items().stream()
                .map(relation -> new Relation(relation.userId(), relation.contact(), relation.blocked()))
                .collect(Collectors.toMap(Relation::userId, Function.identity(), (first, again) -> first));
    }
}
