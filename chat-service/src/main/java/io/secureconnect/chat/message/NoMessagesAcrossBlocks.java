package io.secureconnect.chat.message;

import java.util.UUID;
import java.util.stream.Stream;

import io.secureconnect.chat.ChatErrorCode;
import io.secureconnect.chat.conversation.Conversation;
import io.secureconnect.chat.conversation.ConversationRepository;
import io.secureconnect.chat.peer.BlockCheck;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.web.ApiException;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * In a direct conversation, nobody messages across a block, whichever of the two blocked the other: {@code
 * USER_BLOCKED}, audited. Groups have no such rule.
 */
@Component
@Order(SendPolicy.BLOCKS)
class NoMessagesAcrossBlocks implements SendPolicy {

    private final ConversationRepository conversations;
    private final BlockCheck blocks;
    private final AuditLogger audit;

    NoMessagesAcrossBlocks(ConversationRepository conversations, BlockCheck blocks, AuditLogger audit) {
        this.conversations = conversations;
        this.blocks = blocks;
        this.audit = audit;
    }

    @Override
    public void checkSender(Caller caller, Conversation conversation) {
        if (conversation.isGroup()) {
            return;
        }
        others(caller, conversation).findFirst().filter(other -> blocks.eitherBlocked(caller, other))
                .ifPresent(other -> {
                    audit.record(AuditEvent.of(SendingMessage.ACTION, AuditResult.DENIED).user(caller.userId())
                            .resource("conversation:" + conversation.id()).reason("blocked"));
                    throw new ApiException(ChatErrorCode.USER_BLOCKED, "You cannot message this user.");
                });
    }

    @Override
    public boolean refusesSender(Caller caller, Conversation conversation) {
        return !conversation.isGroup() && others(caller, conversation).anyMatch(other -> blocks.eitherBlocked(caller, other));
    }

    private Stream<UUID> others(Caller caller, Conversation conversation) {
        return conversations.memberIds(conversation.id()).stream().filter(id -> !id.equals(caller.userId()));
    }
}
