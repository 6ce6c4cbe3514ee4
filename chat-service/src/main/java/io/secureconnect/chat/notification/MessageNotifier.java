package io.secureconnect.chat.notification;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.secureconnect.chat.message.Message;
import io.secureconnect.chat.message.MessageCommitted;
import io.secureconnect.chat.message.MessageType;
import io.secureconnect.chat.peer.Relations;
import io.secureconnect.chat.push.PushContent;
import io.secureconnect.chat.push.Pushes;
import io.secureconnect.common.security.Caller;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What follows a committed message for the other members: a mention or reply in their inbox, and one push each
 * for those with no open socket. The push is of the most specific kind that applies (mention, else reply, else
 * message) and is sent only if the member wants that kind pushed and has not muted the conversation, so a member
 * never gets two pushes for one message. Runs on its own small bounded pool: a message send only hands the event
 * over; when the pool is saturated, the event is dropped and counted ({@code notification_events_dropped_total}).
 * The body of an {@code e2ee} message is ciphertext: it is never parsed for mentions nor put in a push. In a group,
 * members with a block with the sender (either way) get no mention, reply or push from them (S4): asked of
 * auth-service with the sender's token, and when it cannot answer, nobody is notified (fail closed).
 */
@Component
class MessageNotifier implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(MessageNotifier.class);
    /** A mention is {@code @<user id>} in a text body; clients show the user's name in its place. */
    private static final Pattern MENTION = Pattern.compile("@([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})");
    private static final int MAX_MENTIONS = 50;
    private static final int PREVIEW_LENGTH = 180;

    private final Notifications notifications;
    private final MessageFacts facts;
    private final PushPolicy policy;
    private final Pushes pushes;
    private final Relations relations;
    private final Counter dropped;
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(10_000), Thread.ofPlatform().name("message-notifier-", 0).daemon().factory());

    MessageNotifier(Notifications notifications, MessageFacts facts, PushPolicy policy, Pushes pushes,
                    Relations relations, MeterRegistry registry) {
        this.relations = relations;
        this.notifications = notifications;
        this.facts = facts;
        this.policy = policy;
        this.pushes = pushes;
        this.dropped = Counter.builder("notification_events_dropped")
                .description("Committed messages not notified because the notifier was saturated").register(registry);
    }

    @EventListener
    void on(MessageCommitted event) {
        try {
            executor.execute(() -> notifyMembers(event));
        } catch (RejectedExecutionException e) {
            dropped.increment();
        }
    }

    private void notifyMembers(MessageCommitted event) {
        Message message = event.message();
        try {
            if (message.type() == MessageType.SYSTEM || message.type() == MessageType.MLS_COMMIT || message.deleted()) {
                return;
            }
            Set<UUID> others = new LinkedHashSet<>(event.memberIds());
            others.remove(message.senderId());
            var conversation = facts.conversation(message.conversationId()).orElse(null);
            if (conversation != null && conversation.group()) {
                others.removeAll(withBlock(event.sender(), others));
            }
            if (others.isEmpty() || conversation == null) {
                return;
            }
            Set<UUID> mentioned = secret(message, conversation) ? Set.of() : mentions(message.body(), others);
            Set<UUID> repliedTo = new HashSet<>();
            if (message.replyTo() != null) {
                facts.authorOf(message.conversationId(), message.replyTo())
                        .filter(author -> others.contains(author) && !mentioned.contains(author))
                        .ifPresent(repliedTo::add);
            }
            Map<String, Object> data = Map.of("conversationId", message.conversationId(),
                    "actorId", message.senderId(), "messageId", message.id(), "seq", message.seq());
            mentioned.forEach(user -> notifications.store(user, NotificationKind.MENTION, data));
            repliedTo.forEach(user -> notifications.store(user, NotificationKind.REPLY, data));

            List<UUID> rest = new ArrayList<>(others);
            rest.removeAll(mentioned);
            rest.removeAll(repliedTo);
            push(NotificationKind.MENTION, mentioned, message, conversation);
            push(NotificationKind.REPLY, repliedTo, message, conversation);
            push(NotificationKind.MESSAGE, rest, message, conversation);
        } catch (RuntimeException e) {
            log.warn("Notifying members of message {} failed", message.id(), e);
        }
    }

    private void push(NotificationKind kind, Collection<UUID> users, Message message, MessageFacts.ConversationFacts conversation) {
        List<UUID> recipients = policy.recipients(kind, message.conversationId(), users);
        if (!recipients.isEmpty()) {
            pushes.toUsers(recipients, content(kind, message, conversation));
        }
    }

    /**
     * Title and preview. An {@code e2ee} message gets a generic title only: neither its ciphertext nor the group's
     * name travels through the push provider.
     */
    private static PushContent content(NotificationKind kind, Message message, MessageFacts.ConversationFacts conversation) {
        String title = switch (kind) {
            case MENTION -> "You were mentioned";
            case REPLY -> "New reply";
            default -> "New message";
        };
        if (conversation.group() && conversation.name() != null && !secret(message, conversation)) {
            title = title + " in " + conversation.name();
        }
        String body = null;
        if (!secret(message, conversation)) {
            body = message.body() != null ? preview(message.body())
                    : message.type() == MessageType.ATTACHMENT ? "Sent an attachment" : null;
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put("conversationId", message.conversationId().toString());
        data.put("messageId", message.id().toString());
        data.put("seq", Long.toString(message.seq()));
        data.put("senderId", message.senderId().toString());
        return new PushContent(kind.wire(), title, body, data);
    }

    /** Ciphertext: never parsed, never pushed. */
    /** The members who blocked the sender or whom the sender blocked. */
    private Set<UUID> withBlock(Caller sender, Set<UUID> members) {
        if (sender == null || members.isEmpty()) {
            return Set.of();
        }
        Set<UUID> blocked = new HashSet<>();
        relations.of(sender, members).values().stream().filter(Relations.Relation::blocked)
                .forEach(relation -> blocked.add(relation.userId()));
        return blocked;
    }

    private static boolean secret(Message message, MessageFacts.ConversationFacts conversation) {
        return conversation.e2ee() || message.type() == MessageType.E2EE;
    }

    private static String preview(String body) {
        return body.length() <= PREVIEW_LENGTH ? body : body.substring(0, PREVIEW_LENGTH - 1) + "…";
    }

    private static Set<UUID> mentions(String body, Set<UUID> members) {
        Set<UUID> mentioned = new LinkedHashSet<>();
        if (body == null) {
            return mentioned;
        }
        Matcher matcher = MENTION.matcher(body);
        while (matcher.find() && mentioned.size() < MAX_MENTIONS) {
            UUID user = UUID.fromString(matcher.group(1));
            if (members.contains(user)) {
                mentioned.add(user);
            }
        }
        return mentioned;
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
