package io.secureconnect.storage.share;

import java.util.Optional;
import java.util.UUID;

import io.secureconnect.common.web.ApiException;
import io.secureconnect.storage.StorageErrorCode;
import io.secureconnect.storage.file.ConversationGrants;

import org.springframework.stereotype.Component;

/**
 * May a user who does not own a file read it? Only as a member of a conversation the file was shared into, while a
 * message there still carries it, as chat-service confirms now (membership can end, messages can be deleted). When chat-service cannot answer for any of those conversations
 * and none confirmed, access is refused with a 503 rather than guessed.
 */
@Component
class SharedAccess implements ConversationGrants {

    /** Enough for any real file; bounds the questions one download can cause. */
    private static final int MAX_CONVERSATIONS_ASKED = 20;

    private final ShareRepository shares;
    private final ChatMembership chat;

    SharedAccess(ShareRepository shares, ChatMembership chat) {
        this.shares = shares;
        this.chat = chat;
    }

    /** The conversation through which the user may read the file, or empty when none grants it. */
    @Override
    public Optional<UUID> conversationGranting(UUID fileId, UUID userId, String bearerToken) {
        boolean unknown = false;
        for (UUID conversation : shares.conversationsOf(fileId, MAX_CONVERSATIONS_ASKED)) {
            switch (chat.isMember(conversation, userId, fileId, bearerToken)) {
                case MEMBER -> {
                    return Optional.of(conversation);
                }
                case UNKNOWN -> unknown = true;
                case NOT_MEMBER -> { }
            }
        }
        if (unknown) {
            throw new ApiException(StorageErrorCode.ACCESS_CHECK_UNAVAILABLE,
                    "Access to this file cannot be checked right now; please try again shortly.",
                    java.util.Map.of(ApiException.RETRY_AFTER, 5));
        }
        return Optional.empty();
    }
}
