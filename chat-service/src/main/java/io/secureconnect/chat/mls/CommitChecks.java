package io.secureconnect.chat.mls;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import io.secureconnect.chat.ChatErrorCode;
import io.secureconnect.chat.conversation.ConversationRepository;
import io.secureconnect.chat.keys.KeyDirectory;
import io.secureconnect.chat.mlswire.ContentType;
import io.secureconnect.chat.mlswire.KeyPackageMessage;
import io.secureconnect.chat.mlswire.MalformedMls;
import io.secureconnect.chat.mlswire.MlsWire;
import io.secureconnect.chat.mlswire.Proposal;
import io.secureconnect.chat.mlswire.PublicMessage;
import io.secureconnect.chat.mlswire.WelcomeMessage;
import io.secureconnect.chat.peer.Relations;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.stereotype.Component;

/**
 * The checks of a commit that need no lock on its group: it is a well-formed {@code PublicMessage} commit of this
 * group from a member ({@code INVALID_MLS_MESSAGE}, {@code MEMBERSHIP_MISMATCH}), its proposals are Adds and Removes
 * by value, each Add carries a KeyPackage handed out for this conversation, of a current device of a current member
 * who has no block with the committer either way ({@code USER_BLOCKED}; auth-service is asked, and when it cannot
 * answer the commit is refused), and the Welcome has secrets for every added package. By-value Updates are refused:
 * by value they would be the committer's own, which RFC 9420 §12.4 forbids in a commit (the path updates its leaf).
 */
@Component
class CommitChecks {

    private final KeyDirectory directory;
    private final ConversationRepository conversations;
    private final Relations relations;
    private final AuditLogger audit;

    CommitChecks(KeyDirectory directory, ConversationRepository conversations, Relations relations,
                 AuditLogger audit) {
        this.directory = directory;
        this.conversations = conversations;
        this.relations = relations;
        this.audit = audit;
    }

    ProposedChange read(Caller caller, UUID conversationId, CommitCommand command) {
        PublicMessage message = publicCommit(command.commit(), conversationId);
        if (!message.sender().isMember()) {
            throw TreeLeaves.mismatch("A commit is sent by a member of the group, from its leaf.");
        }
        List<Integer> removes = new ArrayList<>();
        List<KeyPackageMessage> packages = new ArrayList<>();
        for (Proposal proposal : message.commit().proposals()) {
            switch (proposal) {
                case Proposal.Add add -> packages.add(add.keyPackage());
                case Proposal.Remove remove -> removes.add(remove.removedLeaf());
                case Proposal.Update update -> throw TreeLeaves.mismatch(
                        "A commit carries no Update by value: the committer updates its leaf with the path.");
                case Proposal.Reference reference -> throw TreeLeaves.mismatch(
                        "Proposals go by value in the commit, not by reference.");
                case Proposal.Other other -> throw TreeLeaves.mismatch(
                        "Only Add and Remove proposals are accepted, not type " + other.proposalType() + ".");
            }
        }
        List<ProposedChange.Joining> adds = addedDevices(caller, conversationId, packages);
        if (packages.isEmpty() && (command.welcome() != null || command.ratchetTree() != null)) {
            throw new ApiException(CommonErrorCode.VALIDATION_FAILED,
                    "welcome and ratchetTree go with a commit that adds devices.");
        }
        byte[] welcome = packages.isEmpty() ? null : welcomeFor(command.welcome(), packages);
        byte[] tree = packages.isEmpty() || command.ratchetTree() == null ? null : base64(command.ratchetTree());
        byte[] pathKey = message.commit().hasPath() ? message.commit().pathLeaf().signatureKey() : null;
        return new ProposedChange(message.epoch(), message.sender(), pathKey, removes, adds, welcome, tree);
    }

    private static PublicMessage publicCommit(String base64, UUID conversationId) {
        var message = read(() -> MlsWire.readBase64(base64));
        if (!(message instanceof PublicMessage commit) || commit.contentType() != ContentType.COMMIT) {
            throw invalid("commit must be an MLSMessage holding a PublicMessage commit.");
        }
        if (!GroupId.isOf(commit.groupId(), conversationId)) {
            throw invalid("The commit is for another group.");
        }
        return commit;
    }

    /**
     * The devices the Adds name, in their order; every check that concerns who they are. The package's leaf must
     * carry the device's current key: a device id registered again with another key is another device.
     */
    private List<ProposedChange.Joining> addedDevices(Caller caller, UUID conversationId,
                                                      List<KeyPackageMessage> packages) {
        List<ProposedChange.Joining> joining = new ArrayList<>();
        Set<UUID> members = Set.copyOf(conversations.memberIds(conversationId));
        for (KeyPackageMessage keyPackage : packages) {
            var claim = directory.claimedFor(keyPackage.ref(), conversationId).orElseThrow(() -> TreeLeaves.mismatch(
                    "An Add carries a KeyPackage that was not handed out for this conversation."));
            if (!members.contains(claim.userId())) {
                throw TreeLeaves.mismatch("An Add names a device of " + claim.userId() + ", who is not a member.");
            }
            if (!directory.exists(claim.userId(), claim.deviceId(), keyPackage.signatureKey())) {
                throw TreeLeaves.mismatch("An Add names device " + claim.deviceId() + ", which is gone.");
            }
            joining.add(new ProposedChange.Joining(new UserDevice(claim.userId(), claim.deviceId()),
                    keyPackage.signatureKey()));
        }
        Set<UUID> users = new LinkedHashSet<>(joining.stream().map(add -> add.device().userId()).toList());
        users.remove(caller.userId());
        requireNoBlocks(caller, conversationId, users);
        return joining;
    }

    private void requireNoBlocks(Caller caller, UUID conversationId, Set<UUID> users) {
        Map<UUID, Relations.Relation> known = relations.of(caller, users);
        for (UUID user : users) {
            Relations.Relation relation = known.get(user);
            if (relation == null) {
                throw TreeLeaves.mismatch("An Add names a device of " + user + ", who has no account.");
            }
            if (relation.blocked()) {
                audit.record(AuditEvent.of(AcceptingCommit.ACTION, AuditResult.DENIED).user(caller.userId())
                        .resource("conversation:" + conversationId).reason("blocked"));
                throw new ApiException(ChatErrorCode.USER_BLOCKED, "You cannot add a device of this user.");
            }
        }
    }

    private static byte[] welcomeFor(String base64, List<KeyPackageMessage> packages) {
        if (base64 == null) {
            throw new ApiException(CommonErrorCode.VALIDATION_FAILED, "A commit that adds devices needs its welcome.");
        }
        WelcomeMessage welcome = read(() -> MlsWire.readBase64(base64, WelcomeMessage.class));
        for (KeyPackageMessage keyPackage : packages) {
            if (keyPackage.cipherSuite() != KeyPackageMessage.CIPHER_SUITE_1) {
                throw invalid("An added KeyPackage is not of cipher suite 1.");
            }
            byte[] ref = keyPackage.mlsReference();
            if (welcome.newMembers().stream().noneMatch(member -> Arrays.equals(member, ref))) {
                throw invalid("The welcome has no secrets for a device the commit adds.");
            }
        }
        return Base64.getDecoder().decode(base64);
    }

    private static byte[] base64(String value) {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new ApiException(CommonErrorCode.VALIDATION_FAILED, "ratchetTree must be base64.");
        }
    }

    private static <T> T read(Supplier<T> reading) {
        try {
            return reading.get();
        } catch (MalformedMls e) {
            throw invalid("Not a well-formed MLS message: " + e.getMessage() + ".");
        }
    }

    static ApiException invalid(String detail) {
        return new ApiException(ChatErrorCode.INVALID_MLS_MESSAGE, detail);
    }
}
