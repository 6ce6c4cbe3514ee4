package io.secureconnect.chat.mls;

import java.util.UUID;

import io.secureconnect.chat.conversation.ConversationAccess;
import io.secureconnect.common.security.Caller;

import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Reading an e2ee conversation's MLS group, for its members. */
@Service
class MlsGroups {

    private final ConversationAccess access;
    private final MlsGroupRepository groups;
    private final TransactionTemplate snapshot;

    MlsGroups(ConversationAccess access, MlsGroupRepository groups, TransactionTemplate transaction) {
        this.access = access;
        this.groups = groups;
        // one snapshot for the four reads, so a commit landing meanwhile cannot show half its effect
        this.snapshot = new TransactionTemplate(transaction.getTransactionManager());
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
    }

    GroupView view(Caller caller, UUID conversationId) {
        access.requireE2eeMember(caller, conversationId, "chat.mls.read");
        return snapshot.execute(status -> new GroupView(groups.epoch(conversationId).orElse(0),
                groups.leaves(conversationId), groups.pendingDevices(conversationId),
                groups.staleLeaves(conversationId)));
    }
}
