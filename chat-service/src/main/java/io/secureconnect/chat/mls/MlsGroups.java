package io.secureconnect.chat.mls;

import java.util.UUID;

import io.secureconnect.chat.ChatErrorCode;
import io.secureconnect.chat.conversation.Conversation;
import io.secureconnect.chat.conversation.ConversationAccess;
import io.secureconnect.chat.conversation.ConversationRepository;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.web.ApiException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Reading an e2ee conversation's MLS group, for its members. */
@Service
class MlsGroups {

    private final ConversationAccess access;
    private final ConversationRepository conversations;
    private final MlsGroupRepository groups;
    private final TransactionTemplate snapshot;

    MlsGroups(ConversationAccess access, ConversationRepository conversations, MlsGroupRepository groups,
              TransactionTemplate transaction) {
        this.access = access;
        this.conversations = conversations;
        this.groups = groups;
        // one snapshot for the four reads, so a commit landing meanwhile cannot show half its effect
        this.snapshot = new TransactionTemplate(transaction.getTransactionManager());
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
    }

    GroupView view(Caller caller, UUID conversationId) {
        requireE2eeMember(caller, conversationId, "chat.mls.read");
        return snapshot.execute(status -> new GroupView(groups.epoch(conversationId).orElse(0),
                groups.leaves(conversationId), groups.pendingDevices(conversationId),
                groups.staleLeaves(conversationId)));
    }

    /** The conversation, for a member (else its audited 404), when it is end-to-end encrypted (else 409). */
    Conversation requireE2eeMember(Caller caller, UUID conversationId, String action) {
        access.requireMember(caller, conversationId, action);
        Conversation conversation = conversations.headerForMember(conversationId, caller.userId())
                .orElseThrow(() -> new ApiException(ChatErrorCode.CONVERSATION_NOT_FOUND, "No such conversation."));
        if (!conversation.e2ee()) {
            throw new ApiException(ChatErrorCode.NOT_E2EE,
                    "This conversation is not end-to-end encrypted: it has no MLS group.");
        }
        return conversation;
    }
}
