package io.secureconnect.chat.message;

import java.util.List;
import java.util.UUID;

import io.secureconnect.chat.ChatErrorCode;
import io.secureconnect.chat.conversation.ConversationAccess;
import io.secureconnect.chat.conversation.Role;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.text.StorableText;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;
import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Editing, deleting and reacting to messages, and reading history (sending is {@link SendingMessage}). A change is
 * committed to PostgreSQL before anyone hears of it: the members' frames follow the commit.
 */
@Service
public class Messaging {

    private static final int MAX_EMOJI_LENGTH = 32;

    private final MessageRepository messages;
    private final ConversationAccess access;
    private final MessageContent content;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final AuditLogger audit;

    Messaging(MessageRepository messages, ConversationAccess access, MessageContent content,
              ApplicationEventPublisher events, TransactionTemplate transaction, AuditLogger audit) {
        this.messages = messages;
        this.access = access;
        this.content = content;
        this.events = events;
        this.transaction = transaction;
        this.audit = audit;
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
            if (message.type() == MessageType.E2EE) {
                // an MLS application message cannot be replaced: members decrypt each once, in order
                throw new ApiException(ChatErrorCode.E2EE_NOT_SUPPORTED,
                        "An end-to-end encrypted message is edited by sending an edit inside the group.");
            }
            if (message.type() != MessageType.TEXT) {
                throw invalid("Only text messages can be edited.");
            }
            content.requireBody(body, message.type());
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
            if (message.type() == MessageType.MLS_COMMIT) {
                throw handshake();
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
            if (message.type() == MessageType.MLS_COMMIT) {
                throw handshake();
            }
            if (message.type() == MessageType.E2EE) {
                // the emoji would sit in plaintext beside the ciphertext: it travels inside the group instead
                throw new ApiException(ChatErrorCode.E2EE_NOT_SUPPORTED,
                        "A reaction to an end-to-end encrypted message is sent inside the group.");
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
    public List<EarlierVersion> edits(Caller caller, UUID conversationId, UUID messageId) {
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
    @Schema(name = "MessageHistory")
    public record History(
            @Schema(description = "Oldest first") List<Message> items,
            @Schema(example = "79", description = "Where the next page starts (as `after` or `before`, the way you "
                    + "asked); null when there is no more") String nextCursor) {
    }

    private static ApiException invalid(String detail) {
        return new ApiException(CommonErrorCode.VALIDATION_FAILED, detail);
    }

    /** A group's commits are its history: every member applies each, so none is taken back or decorated. */
    private static ApiException handshake() {
        return new ApiException(ChatErrorCode.E2EE_NOT_SUPPORTED, "An MLS commit cannot be deleted or reacted to.");
    }

    private static ApiException noSuchMessage() {
        return new ApiException(ChatErrorCode.MESSAGE_NOT_FOUND, "No such message in this conversation.");
    }
}
