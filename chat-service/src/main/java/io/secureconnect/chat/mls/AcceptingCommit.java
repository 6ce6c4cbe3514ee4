package io.secureconnect.chat.mls;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.secureconnect.chat.ChatErrorCode;
import io.secureconnect.chat.conversation.ConversationAccess;
import io.secureconnect.chat.keys.KeyDirectory;
import io.secureconnect.chat.message.ConversationSequencer;
import io.secureconnect.chat.message.Message;
import io.secureconnect.chat.message.MessagePublisher;
import io.secureconnect.chat.message.MessageRepository;
import io.secureconnect.chat.message.MessageType;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.id.Ids;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.web.ApiException;
import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Delivery Service accepting a commit to an e2ee conversation's group (docs/e2ee.md, "Groups"). What needs no
 * lock is checked first ({@link CommitChecks}); then, in one transaction, the group moves from the commit's epoch to
 * the next with a compare-and-set (of concurrent commits on one epoch exactly one wins, the others get {@code
 * STALE_EPOCH} with the current epoch), the commit is checked against the group's leaves, the leaves are changed as
 * the members' clients will change them, the commit is stored as an {@code mls_commit} message with the
 * conversation's next seq, and a Welcome is stored for each added device. Members hear of the message and the added
 * devices' owners of their Welcomes once all of it is committed.
 */
@Service
public class AcceptingCommit {

    static final String ACTION = "chat.mls.commit";

    private final ConversationAccess conversations;
    private final CommitChecks checks;
    private final KeyDirectory directory;
    private final MlsGroupRepository groups;
    private final WelcomeRepository welcomes;
    private final MessageRepository messages;
    private final MessagePublisher publisher;
    private final ConversationSequencer sequencer;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final AuditLogger audit;

    AcceptingCommit(ConversationAccess conversations, CommitChecks checks, KeyDirectory directory,
                    MlsGroupRepository groups, WelcomeRepository welcomes, MessageRepository messages,
                    MessagePublisher publisher, ConversationSequencer sequencer, TransactionTemplate transaction,
                    ApplicationEventPublisher events, AuditLogger audit) {
        this.conversations = conversations;
        this.checks = checks;
        this.directory = directory;
        this.groups = groups;
        this.welcomes = welcomes;
        this.messages = messages;
        this.publisher = publisher;
        this.sequencer = sequencer;
        this.transaction = transaction;
        this.events = events;
        this.audit = audit;
    }

    /** The group's new epoch and the stored handshake message. */
    @Schema(name = "AcceptedCommit")
    public record Accepted(@Schema(example = "8", description = "The group's new epoch") long epoch,
                           @Schema(description = "The stored `mls_commit` message") Message message) {
    }

    Accepted accept(Caller caller, UUID conversationId, CommitCommand command) {
        conversations.requireE2eeMember(caller, conversationId, ACTION);
        conversations.requireMayWrite(caller, ACTION);
        byte[] deviceKey = directory.device(caller.userId(), command.deviceId())
                .map(device -> Base64.getDecoder().decode(device.signatureKey()))
                .orElseThrow(() -> new ApiException(ChatErrorCode.DEVICE_NOT_FOUND,
                        "deviceId names none of your devices."));
        Leaf committer = new Leaf(-1, caller.userId(), command.deviceId(), deviceKey);
        ProposedChange change = checks.read(caller, conversationId, command);
        if (change.pathKey() != null && !MessageDigest.isEqual(change.pathKey(), deviceKey)) {
            throw TreeLeaves.mismatch("The commit's path leaf is not signed with the key of device "
                    + command.deviceId() + ".");
        }
        Accepted accepted = sequencer.inOrder(conversationId, () -> transaction.execute(status ->
                apply(caller, conversationId, committer, change, command.commit())));
        audit.record(AuditEvent.of(ACTION, AuditResult.SUCCESS).user(caller.userId())
                .resource("conversation:" + conversationId).reason("epoch " + accepted.epoch() + ": "
                        + change.adds().size() + " added, " + change.removes().size() + " removed"));
        return accepted;
    }

    private Accepted apply(Caller caller, UUID conversationId, Leaf committer, ProposedChange change, String commit) {
        boolean moved = change.epoch() == 0 ? groups.create(conversationId)
                : groups.advance(conversationId, change.epoch());
        if (!moved) {
            long current = groups.epoch(conversationId).orElse(0);
            throw new ApiException(ChatErrorCode.STALE_EPOCH, "The group is at epoch " + current
                    + ", not " + change.epoch() + ": apply the commits you missed and commit again.",
                    Map.of("epoch", current));
        }
        long epoch = change.epoch() + 1;
        TreeLeaves leaves = new TreeLeaves(change.epoch() == 0 ? List.of() : groups.leaves(conversationId));
        if (change.epoch() == 0) {
            groups.seat(conversationId, leaves.add(committer.device(), committer.signatureKey())); // leaf 0
        }
        Set<Integer> stale = new HashSet<>();
        groups.staleLeaves(conversationId).forEach(leaf -> stale.add(leaf.leafIndex()));
        requireSenderIs(committer, change.sender().index(), leaves, stale);
        removeLeaves(conversationId, caller, change, leaves, stale);
        List<Leaf> added = change.adds().stream().map(add -> leaves.add(add.device(), add.signatureKey())).toList();
        added.forEach(leaf -> groups.seat(conversationId, leaf));
        var stored = messages.append(conversationId, caller.userId(), "mls-commit-" + epoch, MessageType.MLS_COMMIT,
                commit, null, List.of());
        publisher.afterCommit(stored.message(), caller);
        for (Leaf leaf : added) {
            Welcome welcome = welcomes.insert(Ids.newId(), conversationId, leaf.device(), epoch, change.welcome(),
                    change.ratchetTree());
            events.publishEvent(new WelcomeStored(welcome));
        }
        return new Accepted(epoch, stored.message());
    }

    /** The sender's leaf is the committer's device, and still current (not a leaf of the device's old key). */
    private static void requireSenderIs(Leaf committer, long senderIndex, TreeLeaves leaves, Set<Integer> stale) {
        Leaf sender = leaves.at(senderIndex).orElseThrow(() -> TreeLeaves.mismatch(
                "The commit's sender is leaf " + senderIndex + ", which is blank."));
        if (!sender.device().equals(committer.device()) || stale.contains(sender.leafIndex())) {
            throw TreeLeaves.mismatch("The commit's sender is not the leaf of device " + committer.deviceId() + ".");
        }
    }

    /** Blanks the removed leaves: each a stale leaf, or a leaf of the committer's own user, never the committer's. */
    private void removeLeaves(UUID conversationId, Caller caller, ProposedChange change, TreeLeaves leaves,
                              Set<Integer> stale) {
        for (int index : change.removes()) {
            if (index == change.sender().index()) {
                throw TreeLeaves.mismatch("A committer does not remove itself.");
            }
            Leaf removed = leaves.remove(index);
            if (!removed.userId().equals(caller.userId()) && !stale.contains(index)) {
                throw TreeLeaves.mismatch("Leaf " + index + " is a current device of another member: only stale "
                        + "leaves and your own devices are removed.");
            }
            groups.blank(conversationId, index);
        }
    }
}
