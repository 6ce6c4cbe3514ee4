package io.secureconnect.storage.file;

import java.util.Optional;
import java.util.UUID;

/**
 * How a user who does not own a ready file may still read it: through a conversation it was shared into. The share
 * feature answers (it holds the grants and asks chat-service); declared here so that downloading needs nothing from
 * how sharing works.
 */
public interface ConversationGrants {

    /**
     * The conversation through which {@code userId} may read the file, or empty when none grants it; throws when
     * that cannot be told now (fail closed).
     */
    Optional<UUID> conversationGranting(UUID fileId, UUID userId, String bearerToken);
}
