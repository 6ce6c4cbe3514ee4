package io.secureconnect.chat.message;

import java.util.List;
import java.util.UUID;

import io.secureconnect.chat.conversation.SystemMessages;
import io.secureconnect.common.id.Ids;
import io.secureconnect.common.security.Caller;

import org.springframework.stereotype.Component;

/** System messages are stored like any other, with a fresh client id, and announced once committed. */
@Component
class StoredSystemMessages implements SystemMessages {

    private final MessageRepository messages;
    private final MessagePublisher published;

    StoredSystemMessages(MessageRepository messages, MessagePublisher published) {
        this.messages = messages;
        this.published = published;
    }

    @Override
    public void post(UUID conversationId, Caller actor, String body) {
        var appended = messages.append(conversationId, actor.userId(), Ids.newId().toString(), MessageType.SYSTEM, body,
                null, List.of());
        published.afterCommit(appended.message(), actor);
    }
}
