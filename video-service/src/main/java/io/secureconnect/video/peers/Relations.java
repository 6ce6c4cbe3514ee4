package io.secureconnect.video.peers;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.secureconnect.common.peer.CallerToken;
import io.secureconnect.common.peer.auth.AuthBlocksApi;
import io.secureconnect.common.peer.auth.Relation;
import io.secureconnect.common.peer.auth.RelationsQuery;

import org.springframework.stereotype.Component;

/**
 * Who of some users the caller may ring, asked of auth-service in one question with the caller's token (for each
 * user with an account, whether they are a contact and whether either blocked the other). A blocked user is never
 * rung; an ad hoc call rings only the caller's contacts (S19: anyone else is called from a conversation they share).
 * Fails closed: when auth gives no usable answer (unreachable, or an answer with a member missing), no call is placed
 * ({@code AUTH_UNAVAILABLE}).
 */
@Component
public class Relations {

    private final AuthBlocksApi auth;

    Relations(AuthBlocksApi auth) {
        this.auth = auth;
    }

    /** Those of {@code users} with an account and no block with the caller; only contacts when {@code contactsOnly}. */
    public Set<UUID> mayRing(Collection<UUID> users, String callerToken, boolean contactsOnly) {
        if (users.isEmpty()) {
            return Set.of();
        }
        return auth.relations(new CallerToken(callerToken), new RelationsQuery(List.copyOf(users))).items().stream()
                .filter(relation -> users.contains(relation.userId()) && !relation.blocked()
                        && (relation.contact() || !contactsOnly))
                .map(Relation::userId).collect(Collectors.toSet());
    }
}
