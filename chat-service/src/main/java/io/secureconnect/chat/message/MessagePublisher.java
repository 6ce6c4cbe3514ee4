package io.secureconnect.chat.message;

import java.util.List;
import java.util.UUID;

import io.secureconnect.chat.conversation.ConversationRepository;
import io.secureconnect.common.security.Caller;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Raises {@link MessagesPosted} for new messages, and once they are committed (never before: a member must not see a
 * message that a rollback then takes back), {@link MessageCommitted} for each.
 */
@Component
public class MessagePublisher {

    private final ConversationRepository conversations;
    private final ApplicationEventPublisher events;

    MessagePublisher(ConversationRepository conversations, ApplicationEventPublisher events) {
        this.conversations = conversations;
        this.events = events;
    }

    /** A new message: its members hear of it once committed, then {@link MessageCommitted}. */
    public void afterCommit(Message message, Caller sender) {
        afterCommitAll(message.conversationId(), List.of(message), sender);
    }

    /** New messages of one conversation, in the order given (their seq order): as {@link #afterCommit} each. */
    public void afterCommitAll(UUID conversationId, List<Message> messages, Caller sender) {
        if (messages.isEmpty()) {
            return;
        }
        events.publishEvent(new MessagesPosted(conversationId, conversations.memberIds(conversationId),
                List.copyOf(messages), sender));
    }

    /**
     * Last of the listeners of {@link MessagesPosted}, so the members' frames (default order) go out before what
     * follows a message (pushes, the notification inbox).
     */
    @TransactionalEventListener(fallbackExecution = true)
    @Order(Ordered.LOWEST_PRECEDENCE)
    void committed(MessagesPosted posted) {
        posted.messages().forEach(message ->
                events.publishEvent(new MessageCommitted(message, posted.memberIds(), posted.sender())));
    }
}
