package io.secureconnect.chat.conversation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.secureconnect.chat.ChatErrorCode;
import io.secureconnect.chat.ChatProperties;
import io.secureconnect.chat.peer.BlockCheck;
import io.secureconnect.chat.peer.Relations;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.id.Ids;
import io.secureconnect.common.paging.Page;
import io.secureconnect.common.paging.Position;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creating conversations and changing their membership. Every membership change is audited, leaves a
 * {@code system} message in the history (so members who were offline see it after {@code sync}) and is announced
 * to the members, including the ones it removed, with {@code conversation.updated}.
 */
@Service
public class Conversations {

    private final ConversationRepository conversations;
    private final SystemMessages systemMessages;
    private final ConversationAccess access;
    private final BlockCheck blocks;
    private final Relations relations;
    private final ApplicationEventPublisher events;
    private final AuditLogger audit;
    private final ChatProperties properties;
    private final TransactionTemplate transaction;
    private final JsonMapper json;

    Conversations(ConversationRepository conversations, SystemMessages systemMessages,
                  ConversationAccess access, BlockCheck blocks, Relations relations, ApplicationEventPublisher events,
                  AuditLogger audit, ChatProperties properties, TransactionTemplate transaction, JsonMapper json) {
        this.conversations = conversations;
        this.systemMessages = systemMessages;
        this.access = access;
        this.blocks = blocks;
        this.relations = relations;
        this.events = events;
        this.audit = audit;
        this.properties = properties;
        this.transaction = transaction;
        this.json = json;
    }

    /** The result of a create: the conversation, and false when an existing direct conversation was returned. */
    public record Created(Conversation conversation, boolean created) {
    }

    public Created createDirect(Caller caller, UUID other, boolean e2ee) {
        access.requireMayWrite(caller, "chat.conversation.create");
        if (other.equals(caller.userId())) {
            throw new ApiException(CommonErrorCode.VALIDATION_FAILED, "A direct conversation needs one other user.");
        }
        if (blocks.eitherBlocked(caller, other)) {
            audit.denied("chat.conversation.create", "user:" + other, "blocked");
            throw new ApiException(ChatErrorCode.USER_BLOCKED, "You cannot start a conversation with this user.");
        }
        String pair = caller.userId().compareTo(other) < 0 ? caller.userId() + ":" + other : other + ":" + caller.userId();
        UUID id = Ids.newId();
        boolean created = Boolean.TRUE.equals(transaction.execute(status -> {
            if (conversations.findDirect(pair).isPresent()) {
                return false;
            }
            conversations.insert(id, ConversationType.DIRECT, null, null, e2ee, pair, caller.userId());
            conversations.addMembers(id, List.of(caller.userId(), other), Role.MEMBER);
            return true;
        }));
        UUID conversationId = created ? id : conversations.findDirect(pair).orElseThrow();
        if (created) {
            audit.success("chat.conversation.create", "conversation:" + conversationId);
            announce(conversationId, "created", caller, List.of());
        }
        return new Created(conversations.findForMember(conversationId, caller.userId()).orElseThrow(), created);
    }

    public Conversation createGroup(Caller caller, String name, UUID avatarFileId, List<UUID> memberIds, boolean e2ee) {
        access.requireMayWrite(caller, "chat.conversation.create");
        Set<UUID> others = new LinkedHashSet<>(memberIds);
        others.remove(caller.userId());
        if (others.size() + 1 > properties.maxGroupMembers()) {
            throw new ApiException(ChatErrorCode.GROUP_FULL,
                    "A group holds at most " + properties.maxGroupMembers() + " members.");
        }
        requireMayAdd(caller, others, "chat.conversation.create", "user");
        UUID id = Ids.newId();
        transaction.executeWithoutResult(status -> {
            conversations.insert(id, ConversationType.GROUP, name, avatarFileId, e2ee, null, caller.userId());
            conversations.addMembers(id, List.of(caller.userId()), Role.OWNER);
            conversations.addMembers(id, others, Role.MEMBER);
        });
        audit.success("chat.conversation.create", "conversation:" + id);
        announce(id, "created", caller, List.of());
        return conversations.findForMember(id, caller.userId()).orElseThrow();
    }

    /**
     * Who may be put in a group, asked of auth-service in one question (fail closed), refused as a whole and audited:
     * someone with an account (S19), without a block either way (S4: a group would otherwise carry the messages,
     * mentions and pushes the block refuses in a direct conversation), who is a contact of the caller or already
     * shares a conversation with them (S19: nobody is pulled into a stranger's group).
     */
    private void requireMayAdd(Caller caller, Collection<UUID> users, String action, String resource) {
        List<UUID> others = users.stream().filter(user -> !user.equals(caller.userId())).distinct().toList();
        if (others.isEmpty()) {
            return;
        }
        if (others.size() >= properties.maxGroupMembers()) {
            throw new ApiException(ChatErrorCode.GROUP_FULL, "A group holds at most " + properties.maxGroupMembers() + " members.");
        }
        Map<UUID, Relations.Relation> known = relations.of(caller, others);
        for (UUID user : others) {
            Relations.Relation relation = known.get(user);
            if (relation == null) {
                audit.denied(action, resource, "no such user: " + user);
                throw new ApiException(CommonErrorCode.NOT_FOUND, "No such user: " + user + ".");
            }
            if (relation.blocked()) {
                audit.denied(action, resource, "blocked: " + user);
                throw new ApiException(ChatErrorCode.USER_BLOCKED, "You cannot add this user to a group.");
            }
        }
        List<UUID> notContacts = others.stream().filter(user -> !known.get(user).contact()).toList();
        Set<UUID> sharing = conversations.sharingAConversationWith(caller.userId(), notContacts);
        notContacts.stream().filter(user -> !sharing.contains(user)).findFirst().ifPresent(user -> {
            audit.denied(action, resource, "neither a contact nor in a shared conversation: " + user);
            throw new ApiException(ChatErrorCode.NOT_A_CONTACT,
                    "You can add only your contacts and people you already share a conversation with.");
        });
    }

    public Conversation get(Caller caller, UUID conversationId) {
        access.requireMember(caller, conversationId, "chat.conversation.read");
        return conversations.findForMember(conversationId, caller.userId()).orElseThrow();
    }

    /** A page of conversations, most recently active first, and the cursor of the next one (null on the last page). */
    public Page<Conversation> list(Caller caller, String cursor, int limit) {
        List<Conversation> fetched = conversations.pageForMember(caller.userId(), Position.decode(cursor), limit + 1);
        return Page.of(fetched, limit, last -> new Position(last.lastActivityAt(), last.id()).encode());
    }

    public Conversation addMembers(Caller caller, UUID conversationId, List<UUID> userIds) {
        Role role = access.requireMember(caller, conversationId, "chat.member.add");
        access.requireMayWrite(caller, "chat.member.add");
        requireGroupManager(caller, conversationId, role, "chat.member.add");
        requireMayAdd(caller, userIds, "chat.member.add", "conversation:" + conversationId);
        List<UUID> added = new ArrayList<>();
        transaction.executeWithoutResult(status -> {
            int count = conversations.lockAndCountMembers(conversationId);
            Set<UUID> existing = Set.copyOf(conversations.memberIds(conversationId));
            userIds.stream().distinct().filter(id -> !existing.contains(id)).forEach(added::add);
            if (count + added.size() > properties.maxGroupMembers()) {
                throw new ApiException(ChatErrorCode.GROUP_FULL,
                        "A group holds at most " + properties.maxGroupMembers() + " members.");
            }
            conversations.addMembers(conversationId, added, Role.MEMBER);
            if (!added.isEmpty()) {
                appendSystem(conversationId, caller, "member.added", added);
            }
        });
        added.forEach(user -> audit.record(AuditEvent
                .of("chat.member.add", AuditResult.SUCCESS)
                .user(caller.userId()).resource("conversation:" + conversationId).reason("added " + user)));
        if (!added.isEmpty()) {
            announce(conversationId, "member.added", caller, List.of());
        }
        return conversations.findForMember(conversationId, caller.userId()).orElseThrow();
    }

    /** Removes a member (owners and admins), or the caller themself (leaving). */
    public void removeMember(Caller caller, UUID conversationId, UUID userId) {
        Role role = access.requireMember(caller, conversationId, "chat.member.remove");
        boolean leaving = userId.equals(caller.userId());
        requireGroup(caller, conversationId, "chat.member.remove");
        if (!leaving) {
            requireGroupManager(caller, conversationId, role, "chat.member.remove");
            Role target = conversations.roleOf(conversationId, userId).orElseThrow(
                    () -> new ApiException(CommonErrorCode.NOT_FOUND, "That user is not a member."));
            if (target == Role.OWNER || (target == Role.ADMIN && role != Role.OWNER)) {
                throw access.forbidden(caller, conversationId, "chat.member.remove",
                        "Only the owner removes admins, and nobody removes the owner.");
            }
        }
        boolean[] emptied = {false};
        transaction.executeWithoutResult(status -> {
            conversations.lockAndCountMembers(conversationId);
            conversations.removeMember(conversationId, userId);
            if (leaving && role == Role.OWNER) {
                conversations.successor(conversationId).ifPresentOrElse(
                        next -> conversations.setRole(conversationId, next, Role.OWNER),
                        () -> emptied[0] = true);
            }
            if (emptied[0]) {
                conversations.delete(conversationId);
            } else {
                appendSystem(conversationId, caller, leaving ? "member.left" : "member.removed", List.of(userId));
            }
        });
        audit.record(AuditEvent
                .of(leaving ? "chat.member.leave" : "chat.member.remove", AuditResult.SUCCESS)
                .user(caller.userId()).resource("conversation:" + conversationId).reason(leaving ? null : "removed " + userId));
        if (!emptied[0]) {
            announce(conversationId, leaving ? "member.left" : "member.removed", caller, List.of(userId));
        }
    }

    public Conversation setRole(Caller caller, UUID conversationId, UUID userId, Role newRole) {
        Role role = access.requireMember(caller, conversationId, "chat.member.role");
        requireGroup(caller, conversationId, "chat.member.role");
        if (role != Role.OWNER || newRole == Role.OWNER || userId.equals(caller.userId())) {
            throw access.forbidden(caller, conversationId, "chat.member.role",
                    "Only the owner promotes or demotes, and only between admin and member.");
        }
        conversations.roleOf(conversationId, userId).orElseThrow(
                () -> new ApiException(CommonErrorCode.NOT_FOUND, "That user is not a member."));
        transaction.executeWithoutResult(status -> {
            conversations.setRole(conversationId, userId, newRole);
            appendSystem(conversationId, caller, newRole == Role.ADMIN ? "member.promoted" : "member.demoted", List.of(userId));
        });
        audit.record(AuditEvent.of("chat.member.role", AuditResult.SUCCESS)
                .user(caller.userId()).resource("conversation:" + conversationId).reason(userId + " → " + newRole.wire()));
        announce(conversationId, "member.role", caller, List.of());
        return conversations.findForMember(conversationId, caller.userId()).orElseThrow();
    }

    /**
     * Renames a group or changes its avatar (owners and admins), or sets how long messages live (any member of a
     * direct conversation, owners and admins of a group).
     */
    public Conversation update(Caller caller, UUID conversationId, String name, UUID avatarFileId, Long messageTtlSeconds) {
        Role role = access.requireMember(caller, conversationId, "chat.conversation.update");
        boolean group = conversations.findForMember(conversationId, caller.userId()).orElseThrow().isGroup();
        if ((name != null || avatarFileId != null) && !group) {
            throw new ApiException(ChatErrorCode.NOT_A_GROUP, "Only groups have a name and an avatar.");
        }
        if (group && !role.manages()) {
            throw access.forbidden(caller, conversationId, "chat.conversation.update", "Only the group's owner and admins may do this.");
        }
        transaction.executeWithoutResult(status -> {
            conversations.update(conversationId, name, avatarFileId, messageTtlSeconds);
            appendSystem(conversationId, caller, messageTtlSeconds != null ? "conversation.retention" : "conversation.renamed",
                    List.of());
        });
        audit.success("chat.conversation.update", "conversation:" + conversationId);
        announce(conversationId, "updated", caller, List.of());
        return conversations.findForMember(conversationId, caller.userId()).orElseThrow();
    }

    public void delete(Caller caller, UUID conversationId) {
        Role role = access.requireMember(caller, conversationId, "chat.conversation.delete");
        requireGroup(caller, conversationId, "chat.conversation.delete");
        if (role != Role.OWNER) {
            throw access.forbidden(caller, conversationId, "chat.conversation.delete", "Only the owner deletes a group.");
        }
        List<UUID> members = conversations.memberIds(conversationId);
        conversations.delete(conversationId);
        audit.success("chat.conversation.delete", "conversation:" + conversationId);
        events.publishEvent(new ConversationDeleted(members, caller.userId(), conversationId));
    }

    private void requireGroup(Caller caller, UUID conversationId, String action) {
        if (!conversations.findForMember(conversationId, caller.userId()).orElseThrow().isGroup()) {
            throw new ApiException(ChatErrorCode.NOT_A_GROUP, "Direct conversations have fixed members.");
        }
    }

    private void requireGroupManager(Caller caller, UUID conversationId, Role role, String action) {
        requireGroup(caller, conversationId, action);
        if (!role.manages()) {
            throw access.forbidden(caller, conversationId, action, "Only the group's owner and admins may do this.");
        }
    }

    private void appendSystem(UUID conversationId, Caller actor, String event, List<UUID> userIds) {
        String body = json.writeValueAsString(Map.of("event", event, "actorId", actor.userId(), "userIds", userIds));
        systemMessages.post(conversationId, actor, body);
    }

    /** Tells the members (and {@code alsoTell}, e.g. who was just removed) what changed. */
    private void announce(UUID conversationId, String change, Caller actor, List<UUID> alsoTell) {
        conversations.findForMember(conversationId, actor.userId())
                .or(() -> conversations.memberIds(conversationId).stream().findFirst()
                        .flatMap(anyone -> conversations.findForMember(conversationId, anyone)))
                .ifPresent(conversation -> {
                    Set<UUID> audience = new LinkedHashSet<>(conversation.members().stream().map(Member::userId).toList());
                    audience.addAll(alsoTell);
                    events.publishEvent(new ConversationChanged(audience, change, actor.userId(),
                            ConversationUpdate.of(conversation)));
                });
    }
}
