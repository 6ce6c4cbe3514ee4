package io.secureconnect.chat.conversation;

import java.util.UUID;

import io.secureconnect.common.security.Caller;

/**
 * Where a membership or settings change is written into the conversation's history as a {@code system} message.
 * Declared here and implemented by the message feature, so conversations need not know how messages are stored and
 * announced (the message feature depends on conversations, not the other way round).
 */
public interface SystemMessages {

    /** Appends {@code body} (JSON) as a system message by {@code actor}; its members hear of it once committed. */
    void post(UUID conversationId, Caller actor, String body);
}
