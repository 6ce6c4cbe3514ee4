package io.secureconnect.chat.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.secureconnect.chat.ChatErrorCode;
import io.secureconnect.chat.ChatProperties;
import io.secureconnect.chat.conversation.Conversation;
import io.secureconnect.chat.conversation.ConversationAccess;
import io.secureconnect.chat.conversation.ConversationRepository;
import io.secureconnect.chat.conversation.Role;
import io.secureconnect.chat.peer.AttachmentShares;
import io.secureconnect.chat.peer.BlockCheck;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.text.StorableText;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sending, editing, deleting and reacting to messages, and reading history. A message is committed to PostgreSQL
 * before anyone hears of it: the sender's ack and the members' frames follow the commit.
 */
@Service
public class Messaging {

    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final int MAX_ATTACHMENTS = 10;
    private static final int MAX_EMOJI_LENGTH = 32;

    private final MessageRepository messages;
    private final ConversationRepository conversations;
    private final ConversationAccess access;
    private final BlockCheck blocks;
    private final AttachmentShares attachments;
    private final MessagePublisher publisher;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final MessageMetrics metrics;
    private final AuditLogger audit;
    private final ChatProperties properties;
    private final ConversationSequencer sequencer;

    Messaging(MessageRepository messages, ConversationRepository conversations, ConversationAccess access,
              BlockCheck blocks, AttachmentShares attachments, MessagePublisher publisher,
              ApplicationEventPublisher events, TransactionTemplate transaction, MessageMetrics metrics,
              AuditLogger audit, ChatProperties properties, ConversationSequencer sequencer) {
        this.sequencer = sequencer;
        this.messages = messages;
        this.conversations = conversations;
        this.access = access;
        this.blocks = blocks;
        this.attachments = attachments;
        this.publisher = publisher;
        this.events = events;
        this.transaction = transaction;
        this.metrics = metrics;
        this.audit = audit;
        this.properties = properties;
    }

    /** The stored message, and whether this call stored it (false: a retry of an earlier send). */
    public record Sent(Message message, boolean created) {
    }

    public Sent send(Caller caller, SendMessage command, String channel) {
        if (command.clientId() == null || !CLIENT_ID.matcher(command.clientId()).matches()) {
            throw invalid("clientId is required: 1 to 64 letters, digits or . _ : -");
        }
        access.requireMember(caller, command.conversationId(), "chat.message.send");
        Conversation conversation = conversations.headerForMember(command.conversationId(), caller.userId()).orElseThrow();
        var earlier = messages.findByClientId(command.conversationId(), caller.userId(), command.clientId());
        if (earlier.isPresent()) {
            return new Sent(earlier.get(), false);
        }
        access.requireMayWrite(caller, "chat.message.send");
        MessageType type = validate(command, conversation);
        if (!conversation.isGroup()) {
            requireNotBlocked(caller, conversation);
        }
        List<UUID> files = List.copyOf(new LinkedHashSet<>(command.attachments()));
        files.forEach(file -> attachments.share(caller, file, conversation.id()));
        var appended = sequencer.inOrder(conversation.id(), () -> {
            var result = messages.append(conversation.id(), caller.userId(), command.clientId(), type, command.body(),
                    command.replyTo(), files);
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
     * Several sends of one caller into one conversation, as they arrived on a socket: the same checks as
     * {@link #send} each, but the new messages are stored in one statement (group commit: one commit and one round
     * trip for all of them) and fanned out in their order. Each gets its own outcome, a {@link Sent} or the
     * {@link RuntimeException} {@code send} would have thrown, in the order given. When something concerns all of
     * them (not a member, may not write, blocked), or a retry races the batch, they simply go one by one through
     * {@link #send}, which audits and answers each.
     */
    public List<Object> sendAll(Caller caller, UUID conversationId, List<SendMessage> commands, String channel) {
        if (commands.size() == 1) {
            return List.of(outcome(() -> send(caller, commands.getFirst(), channel)));
        }
        Conversation conversation;
        try {
            conversations.roleOf(conversationId, caller.userId()).orElseThrow(NotShared::new);
            conversation = conversations.headerForMember(conversationId, caller.userId()).orElseThrow(NotShared::new);
            if (properties.requireVerifiedEmail() && !caller.emailVerified()) {
                throw new NotShared();
            }
            if (!conversation.isGroup() && blocked(caller, conversation)) {
                throw new NotShared();
            }
        } catch (NotShared | ApiException e) {
            return oneByOne(caller, commands, channel);
        }
        List<String> clientIds = commands.stream().map(SendMessage::clientId)
                .filter(id -> id != null && CLIENT_ID.matcher(id).matches()).toList();
        Map<String, Message> earlier = clientIds.isEmpty() ? Map.of()
                : messages.findByClientIds(conversationId, caller.userId(), clientIds);
        Object[] outcomes = new Object[commands.size()];
        Map<String, Integer> firstOfClientId = new HashMap<>();
        List<Integer> toStore = new ArrayList<>();
        List<MessageRepository.Draft> drafts = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            SendMessage command = commands.get(i);
            if (command.clientId() == null || !CLIENT_ID.matcher(command.clientId()).matches()) {
                outcomes[i] = invalid("clientId is required: 1 to 64 letters, digits or . _ : -");
            } else if (earlier.containsKey(command.clientId())) {
                outcomes[i] = new Sent(earlier.get(command.clientId()), false);
            } else if (firstOfClientId.containsKey(command.clientId())) {
                outcomes[i] = firstOfClientId.get(command.clientId()); // a retry within the batch: resolved below
            } else {
                try {
                    MessageType type = validate(command, conversation);
                    List<UUID> files = List.copyOf(new LinkedHashSet<>(command.attachments()));
                    files.forEach(file -> attachments.share(caller, file, conversation.id()));
                    firstOfClientId.put(command.clientId(), i);
                    toStore.add(i);
                    drafts.add(new MessageRepository.Draft(command.clientId(), type, command.body(),
                            command.replyTo(), files));
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

    public Message edit(Caller caller, UUID conversationId, UUID messageId, String body) {
        access.requireMember(caller, conversationId, "chat.message.edit");
        access.requireMayWrite(caller, "chat.message.edit");
        return transaction.execute(status -> {
            Message message = messages.lockForChange(conversationId, messageId).orElseThrow(Messaging::noSuchMessage);
            if (!message.senderId().equals(caller.userId())) {
                throw access.forbidden(caller, conversationId, "chat.message.edit", "Only the author edits a message.");
            }
            if (message.deleted()) {
                throw new ApiException(ChatErrorCode.MESSAGE_DELETED, "A deleted message cannot be edited.");
            }
            if (message.type() != MessageType.TEXT && message.type() != MessageType.E2EE) {
                throw invalid("Only text and e2ee messages can be edited.");
            }
            requireBody(body, message.type());
            messages.edit(messageId, message.body(), body);
            Message edited = messages.find(conversationId, messageId).orElseThrow();
            events.publishEvent(new MessageEdited(edited));
            return edited;
        });
    }

    /** Deletes for everyone: the author, or a group's owner or admin. Deleting twice is not an error. */
    public void delete(Caller caller, UUID conversationId, UUID messageId) {
        Role role = access.requireMember(caller, conversationId, "chat.message.delete");
        transaction.executeWithoutResult(status -> {
            Message message = messages.lockForChange(conversationId, messageId).orElseThrow(Messaging::noSuchMessage);
            if (message.deleted()) {
                return;
            }
            boolean moderator = role == Role.OWNER || role == Role.ADMIN;
            if (!message.senderId().equals(caller.userId()) && !moderator) {
                throw access.forbidden(caller, conversationId, "chat.message.delete",
                        "Only the author, or a group's owner or admins, delete a message.");
            }
            messages.erase(messageId);
            if (!message.senderId().equals(caller.userId())) {
                audit.record(AuditEvent.of("chat.message.moderate", AuditResult.SUCCESS).user(caller.userId())
                        .resource("message:" + messageId).reason("deleted a message of " + message.senderId()));
            }
            events.publishEvent(new MessageDeleted(conversationId, messageId, message.seq()));
        });
    }

    public Message react(Caller caller, UUID conversationId, UUID messageId, String emoji, boolean add) {
        access.requireMember(caller, conversationId, "chat.message.react");
        if (add) {
            access.requireMayWrite(caller, "chat.message.react");
        }
        if (emoji == null || emoji.isBlank() || emoji.length() > MAX_EMOJI_LENGTH || emoji.chars().anyMatch(Character::isISOControl)
                || !StorableText.isStorable(emoji)) {
            throw invalid("emoji must be 1 to " + MAX_EMOJI_LENGTH + " characters.");
        }
        return transaction.execute(status -> {
            Message message = messages.lockForChange(conversationId, messageId).orElseThrow(Messaging::noSuchMessage);
            if (message.deleted()) {
                throw new ApiException(ChatErrorCode.MESSAGE_DELETED, "A deleted message takes no reactions.");
            }
            boolean changed = add ? messages.addReaction(messageId, caller.userId(), emoji)
                    : messages.removeReaction(messageId, caller.userId(), emoji);
            if (changed) {
                events.publishEvent(new ReactionChanged(conversationId, messageId, caller.userId(), emoji, add));
            }
            return messages.find(conversationId, messageId).orElseThrow();
        });
    }

    /** Earlier versions of a message, for its author only. */
    public List<MessageRepository.Edit> edits(Caller caller, UUID conversationId, UUID messageId) {
        access.requireMember(caller, conversationId, "chat.message.edits");
        Message message = messages.find(conversationId, messageId).orElseThrow(Messaging::noSuchMessage);
        if (!message.senderId().equals(caller.userId())) {
            throw access.forbidden(caller, conversationId, "chat.message.edits", "Only the author sees earlier versions.");
        }
        return messages.edits(messageId);
    }

    /** A page of history, oldest first: after {@code after}, or else before {@code before} (default: the newest). */
    public History history(Caller caller, UUID conversationId, Long after, Long before, int limit) {
        access.requireMember(caller, conversationId, "chat.message.read");
        if (after != null) {
            List<Message> page = messages.after(conversationId, after, limit + 1);
            boolean more = page.size() > limit;
            List<Message> items = more ? page.subList(0, limit) : page;
            return new History(items, more ? String.valueOf(items.getLast().seq()) : null);
        }
        List<Message> page = messages.before(conversationId, before == null ? Long.MAX_VALUE : before, limit + 1);
        boolean more = page.size() > limit;
        List<Message> items = more ? page.subList(1, page.size()) : page;
        return new History(items, more ? String.valueOf(items.getFirst().seq()) : null);
    }

    /**
     * A page of messages and the cursor that continues in the same direction: pass it as {@code after} when you
     * asked with {@code after}, otherwise as {@code before} (or {@code cursor}). Null when there is no more.
     */
    public record History(List<Message> items, String nextCursor) {
    }

    private MessageType validate(SendMessage command, Conversation conversation) {
        MessageType type = MessageType.fromClient(command.type());
        if (type == null) {
            throw invalid("type must be text, attachment or e2ee.");
        }
        if (conversation.e2ee() != (type == MessageType.E2EE) && type != MessageType.ATTACHMENT) {
            throw invalid(conversation.e2ee() ? "This conversation is end-to-end encrypted: send e2ee messages."
                    : "This conversation is not end-to-end encrypted: e2ee messages are refused.");
        }
        if (command.attachments().size() > MAX_ATTACHMENTS) {
            throw invalid("At most " + MAX_ATTACHMENTS + " attachments per message.");
        }
        if (type == MessageType.ATTACHMENT) {
            if (command.attachments().isEmpty()) {
                throw invalid("An attachment message needs at least one file id in attachments.");
            }
            if (command.body() != null) {
                requireBody(command.body(), conversation.e2ee() ? MessageType.E2EE : MessageType.TEXT);
            }
        } else {
            requireBody(command.body(), type);
        }
        if (command.replyTo() != null && messages.find(conversation.id(), command.replyTo()).isEmpty()) {
            throw invalid("replyTo names no message of this conversation.");
        }
        return type;
    }

    private void requireBody(String body, MessageType type) {
        // ciphertext is base64 of the plaintext plus envelope overhead, so it gets more room
        int max = type == MessageType.E2EE ? properties.maxTextLength() * 2 + 1024 : properties.maxTextLength();
        if (body == null || body.isBlank() || body.length() > max) {
            throw invalid("body is required and holds at most " + max + " characters.");
        }
        if (!StorableText.isStorable(body)) {
            // refused here, so one such message does not fail a group commit (PostgreSQL refuses NUL) nor every
            // socket it would be sent to (an unpaired surrogate cannot be encoded)
            throw invalid("body " + StorableText.PROBLEM + ".");
        }
    }

    private boolean blocked(Caller caller, Conversation conversation) {
        return conversations.memberIds(conversation.id()).stream().filter(id -> !id.equals(caller.userId()))
                .anyMatch(other -> blocks.eitherBlocked(caller, other));
    }

    private void requireNotBlocked(Caller caller, Conversation conversation) {
        conversations.memberIds(conversation.id()).stream().filter(id -> !id.equals(caller.userId())).findFirst()
                .filter(other -> blocks.eitherBlocked(caller, other))
                .ifPresent(other -> {
                    audit.record(AuditEvent.of("chat.message.send", AuditResult.DENIED).user(caller.userId())
                            .resource("conversation:" + conversation.id()).reason("blocked"));
                    throw new ApiException(ChatErrorCode.USER_BLOCKED, "You cannot message this user.");
                });
    }

    private static ApiException invalid(String detail) {
        return new ApiException(CommonErrorCode.VALIDATION_FAILED, detail);
    }

    private static ApiException noSuchMessage() {
        return new ApiException(ChatErrorCode.MESSAGE_NOT_FOUND, "No such message in this conversation.");
    }
}
