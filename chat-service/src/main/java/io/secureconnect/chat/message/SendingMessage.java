package io.secureconnect.chat.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import io.secureconnect.chat.conversation.Conversation;
import io.secureconnect.chat.conversation.ConversationRepository;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Sending a message, over REST or a socket: every {@link SendPolicy} has its say, in the order of its constants, and
 * only then is the message stored. A message is committed to PostgreSQL before anyone hears of it: the sender's ack
 * and the members' frames follow the commit. Sending a client id again returns the first message (a retry), once
 * the caller proved a member.
 */
@Service
public class SendingMessage {

    /** The audited action of a send. */
    static final String ACTION = "chat.message.send";

    private final List<SendPolicy> policies;
    private final MessageRepository messages;
    private final ConversationRepository conversations;
    private final MessagePublisher publisher;
    private final ConversationSequencer sequencer;
    private final MessageMetrics metrics;

    /** {@code policies} come sorted by their {@code @Order}, the constants of {@link SendPolicy}. */
    SendingMessage(List<SendPolicy> policies, MessageRepository messages, ConversationRepository conversations,
                   MessagePublisher publisher, ConversationSequencer sequencer, MessageMetrics metrics) {
        this.policies = List.copyOf(policies);
        this.messages = messages;
        this.conversations = conversations;
        this.publisher = publisher;
        this.sequencer = sequencer;
        this.metrics = metrics;
    }

    /** The stored message, and whether this call stored it (false: a retry of an earlier send). */
    public record Sent(Message message, boolean created) {
    }

    /** Throws the refusal of the first policy that refuses. */
    public Sent send(Caller caller, SendMessage command, String channel) {
        requireUsableClientId(command);
        policies.forEach(policy -> policy.checkAttempt(caller, command));
        Conversation conversation = conversations.headerForMember(command.conversationId(), caller.userId()).orElseThrow();
        var earlier = messages.findByClientId(command.conversationId(), caller.userId(), command.clientId());
        if (earlier.isPresent()) {
            return new Sent(earlier.get(), false);
        }
        policies.forEach(policy -> {
            policy.checkSender(caller, conversation);
            policy.checkMessage(caller, conversation, command);
        });
        var appended = sequencer.inOrder(conversation.id(), () -> {
            var result = messages.append(conversation.id(), caller.userId(), command.clientId(),
                    MessageType.fromClient(command.type()), command.body(), command.replyTo(),
                    command.distinctAttachments());
            if (result.created()) {
                publisher.afterCommit(result.message(), caller); // committed: append is one statement
            }
            return result;
        });
        if (appended.created()) {
            metrics.stored(channel);
        }
        return new Sent(appended.message(), appended.created());
    }

    /**
     * Several sends of one caller into one conversation, as they arrived on a socket: the same policies as
     * {@link #send} each, but the new messages are stored in one statement (group commit: one commit and one round
     * trip for all of them) and fanned out in their order. Each gets its own outcome, a {@link Sent} or the
     * {@link RuntimeException} {@code send} would have thrown, in the order given. When a policy has something
     * against all of them (not a member, may not write, blocked), or a retry races the batch, they simply go one by
     * one through {@link #send}, which audits and answers each.
     */
    public List<Object> sendAll(Caller caller, UUID conversationId, List<SendMessage> commands, String channel) {
        if (commands.size() == 1) {
            return List.of(outcome(() -> send(caller, commands.getFirst(), channel)));
        }
        Conversation conversation;
        try {
            conversation = conversations.headerForMember(conversationId, caller.userId()).orElseThrow(NotShared::new);
            if (policies.stream().anyMatch(policy -> policy.refusesSender(caller, conversation))) {
                throw new NotShared();
            }
        } catch (NotShared | ApiException e) {
            return oneByOne(caller, commands, channel);
        }
        List<String> clientIds = commands.stream().filter(SendMessage::hasUsableClientId).map(SendMessage::clientId)
                .toList();
        Map<String, Message> earlier = clientIds.isEmpty() ? Map.of()
                : messages.findByClientIds(conversationId, caller.userId(), clientIds);
        Object[] outcomes = new Object[commands.size()];
        Map<String, Integer> firstOfClientId = new HashMap<>();
        List<Integer> toStore = new ArrayList<>();
        List<MessageRepository.Draft> drafts = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            SendMessage command = commands.get(i);
            if (!command.hasUsableClientId()) {
                outcomes[i] = unusableClientId();
            } else if (earlier.containsKey(command.clientId())) {
                outcomes[i] = new Sent(earlier.get(command.clientId()), false);
            } else if (firstOfClientId.containsKey(command.clientId())) {
                outcomes[i] = firstOfClientId.get(command.clientId()); // a retry within the batch: resolved below
            } else {
                try {
                    policies.forEach(policy -> policy.checkMessage(caller, conversation, command));
                    firstOfClientId.put(command.clientId(), i);
                    toStore.add(i);
                    drafts.add(new MessageRepository.Draft(command.clientId(), MessageType.fromClient(command.type()),
                            command.body(), command.replyTo(), command.distinctAttachments()));
                } catch (RuntimeException e) {
                    outcomes[i] = e;
                }
            }
        }
        if (!drafts.isEmpty()) {
            List<Message> stored;
            try {
                stored = sequencer.inOrder(conversationId, () -> {
                    List<Message> appended = messages.appendAll(conversationId, caller.userId(), drafts);
                    if (appended.size() != drafts.size()) {
                        throw new NotShared(); // the conversation went away meanwhile; nothing was written
                    }
                    publisher.afterCommitAll(conversationId, appended, caller); // committed: one statement
                    return appended;
                });
            } catch (DuplicateKeyException | NotShared raced) {
                // a retry of one of them was stored meanwhile (or the conversation is gone): one by one, as send does
                for (int i : toStore) {
                    outcomes[i] = outcome(() -> send(caller, commands.get(i), channel));
                }
                stored = null;
            }
            if (stored != null) {
                for (int k = 0; k < toStore.size(); k++) {
                    outcomes[toStore.get(k)] = new Sent(stored.get(k), true);
                    metrics.stored(channel);
                }
            }
        }
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] instanceof Integer first) {
                outcomes[i] = outcomes[first] instanceof Sent sent ? new Sent(sent.message(), false) : outcomes[first];
            }
        }
        return Arrays.asList(outcomes);
    }

    /** The client id is the idempotency key, so it is checked before anything is looked up by it. */
    private static void requireUsableClientId(SendMessage command) {
        if (!command.hasUsableClientId()) {
            throw unusableClientId();
        }
    }

    private static ApiException unusableClientId() {
        return new ApiException(CommonErrorCode.VALIDATION_FAILED, "clientId is required: 1 to 64 letters, digits or . _ : -");
    }

    private List<Object> oneByOne(Caller caller, List<SendMessage> commands, String channel) {
        List<Object> outcomes = new ArrayList<>(commands.size());
        commands.forEach(command -> outcomes.add(outcome(() -> send(caller, command, channel))));
        return outcomes;
    }

    private static Object outcome(Supplier<Sent> send) {
        try {
            return send.get();
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** Something that concerns a whole batch of sends: they go one by one, which answers each as it should. */
    private static final class NotShared extends RuntimeException {
        NotShared() {
            super(null, null, false, false);
        }
    }
}
