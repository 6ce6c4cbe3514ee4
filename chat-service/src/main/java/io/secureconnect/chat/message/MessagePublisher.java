package io.secureconnect.chat.message;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.chat.conversation.ConversationRepository;
import io.secureconnect.chat.realtime.Fanout;
import io.secureconnect.chat.realtime.ServerFrames;
import io.secureconnect.common.security.Caller;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends frames about messages to the conversation's members once the change is committed, never before: a member
 * must not see a message that a rollback then takes back.
 */
@Component
public class MessagePublisher {

    private final ConversationRepository conversations;
    private final Fanout fanout;
    private final ApplicationEventPublisher events;

    MessagePublisher(ConversationRepository conversations, Fanout fanout, ApplicationEventPublisher events) {
        this.conversations = conversations;
        this.fanout = fanout;
        this.events = events;
    }

    /** A new message: {@code message} to every member, then {@link MessageCommitted}. */
    public void afterCommit(Message message, Caller sender) {
        runAfterCommit(() -> {
            List<UUID> members = conversations.memberIds(message.conversationId());
            fanout.toUsers(members, ServerFrames.frame("message", "message", message));
            events.publishEvent(new MessageCommitted(message, members, sender));
        });
    }

    /** New messages of one conversation, in the order given (their seq order): as {@link #afterCommit} each. */
    public void afterCommitAll(UUID conversationId, List<Message> messages, Caller sender) {
        if (messages.isEmpty()) {
            return;
        }
        runAfterCommit(() -> {
            List<UUID> members = conversations.memberIds(conversationId);
            fanout.toUsersInOrder(members, messages.stream()
                    .map(message -> ServerFrames.frame("message", "message", message)).toList());
            messages.forEach(message -> events.publishEvent(new MessageCommitted(message, members, sender)));
        });
    }

    /** Any other frame about a conversation (edits, deletions, reactions, receipts) to its members. */
    public void toMembersAfterCommit(UUID conversationId, Map<String, Object> frame) {
        runAfterCommit(() -> fanout.toUsers(conversations.memberIds(conversationId), frame));
    }

    private static void runAfterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
