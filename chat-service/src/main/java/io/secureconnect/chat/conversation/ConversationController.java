package io.secureconnect.chat.conversation;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.secureconnect.common.apidocs.ApiErrors;
import io.secureconnect.common.paging.Page;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.text.Storable;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Conversations and their members. A conversation the caller is not in answers 404, whatever the call. */
@RestController
@Validated
@RequestMapping("/api/v1/conversations")
@Tag(name = "Conversations", description = "Direct and group conversations and their members. Every call is for "
        + "members only: a conversation the caller is not in answers 404 `CONVERSATION_NOT_FOUND`, as if it did not "
        + "exist. Members hear of every change live (`conversation.updated` on `/ws/chat`, docs/chat-protocol.md).")
class ConversationController {

    private static final String CONVERSATION_ID = "0193a5c2-6b1e-7d4a-8f3c-2e9b7a1d4c50";
    private static final String USER_ID = "0193a5b8-2d3e-7f40-8b5c-6d7e8f9a0b12";
    private static final String FILE_ID = "0193a5c1-4f2e-7a3b-8c4d-5e6f7a8b9c0d";

    private final Conversations conversations;

    ConversationController(Conversations conversations) {
        this.conversations = conversations;
    }

    @Schema(name = "CreateConversationRequest")
    record CreateRequest(
            @Schema(example = "group", allowableValues = {"direct", "group"})
            @NotNull @Pattern(regexp = "direct|group") String type,
            @Schema(example = "[\"" + USER_ID + "\"]", description = "The other members: exactly one other user for "
                    + "`direct`; for a group, the caller's contacts or people who share a conversation with them")
            @NotNull @Size(max = 1000) List<@NotNull UUID> memberIds,
            @Schema(example = "Release planning", description = "Required for a group; not for a direct conversation")
            @Size(min = 1, max = 100) @Storable String name,
            @Schema(example = FILE_ID, description = "A group's avatar, a file uploaded to storage-service")
            UUID avatarFileId,
            @Schema(example = "false", description = "End-to-end encrypted (MLS, docs/e2ee.md); false when left out. "
                    + "Fixed for the conversation's life")
            Boolean e2ee) {
    }

    /** {@code messageTtlSeconds}: messages disappear this long after they are sent; 0 turns it off. */
    @Schema(name = "UpdateConversationRequest", description = "Only the fields given change.")
    record UpdateRequest(
            @Schema(example = "Release planning 2027", description = "A group's new name")
            @Size(min = 1, max = 100) @Storable String name,
            @Schema(example = FILE_ID, description = "A group's new avatar, a file uploaded to storage-service")
            UUID avatarFileId,
            @Schema(example = "604800",
                    description = "Messages disappear this long after they are sent; 0 turns it off")
            @Min(0) @Max(31_536_000) Long messageTtlSeconds) {
    }

    record AddMembersRequest(
            @Schema(example = "[\"" + USER_ID + "\"]", description = "Users to add: the caller's contacts or people "
                    + "who share a conversation with them; those already in the group are skipped")
            @NotEmpty @Size(max = 1000) List<@NotNull UUID> userIds) {
    }

    @Schema(name = "MemberRoleRequest")
    record RoleRequest(@Schema(example = "admin", allowableValues = {"admin", "member"})
                       @NotNull @Pattern(regexp = "admin|member") String role) {
    }

    /** The members of a conversation. */
    record MemberList(List<Member> items) {
    }

    /** 201 with a new conversation; 200 with the existing one when a direct conversation with that user exists. */
    @Operation(operationId = "createConversation", summary = "Create a conversation",
            description = "A `direct` conversation has exactly one other member, and there is one per pair of users: "
                    + "asking again answers 200 with the existing one. A group needs a `name`; the caller becomes its "
                    + "owner. Nobody is added across a block (`USER_BLOCKED`), nor anyone who is neither a contact of "
                    + "the caller nor shares a conversation with them (`NOT_A_CONTACT`); a user without an account is "
                    + "`NOT_FOUND`. The caller's relations are asked of auth-service, and without its answer the call "
                    + "is refused (`PEER_UNAVAILABLE`).")
    @ApiResponse(responseCode = "201", description = "The new conversation")
    @ApiResponse(responseCode = "200", description = "The direct conversation the two users already have")
    @ApiErrors({"EMAIL_NOT_VERIFIED", "USER_BLOCKED", "NOT_A_CONTACT", "NOT_FOUND", "GROUP_FULL",
            "PEER_UNAVAILABLE"})
    @PostMapping
    ResponseEntity<Conversation> create(@Valid @RequestBody CreateRequest request, Caller caller) {
        boolean e2ee = Boolean.TRUE.equals(request.e2ee());
        if (request.type().equals("direct")) {
            List<UUID> others = request.memberIds().stream().distinct().filter(id -> !id.equals(caller.userId())).toList();
            if (others.size() != 1) {
                throw new ApiException(CommonErrorCode.VALIDATION_FAILED, "A direct conversation has exactly one other member.");
            }
            var result = conversations.createDirect(caller, others.getFirst(), e2ee);
            return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK).body(result.conversation());
        }
        if (request.name() == null || request.name().isBlank()) {
            throw new ApiException(CommonErrorCode.VALIDATION_FAILED, "A group needs a name.");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(
                conversations.createGroup(caller, request.name().strip(), request.avatarFileId(), request.memberIds(), e2ee));
    }

    @Operation(operationId = "listConversations", summary = "List your conversations",
            description = "Most recently active first, a page at a time: pass `nextCursor` as `cursor` for the next "
                    + "page (null on the last one).")
    @ApiErrors({})
    @GetMapping
    Page<Conversation> list(@Parameter(description = "`nextCursor` of the previous page")
                            @RequestParam(required = false) String cursor,
                            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
                            Caller caller) {
        return conversations.list(caller, cursor, limit);
    }

    @Operation(operationId = "getConversation", summary = "Get a conversation with its members")
    @ApiErrors("CONVERSATION_NOT_FOUND")
    @GetMapping("/{id}")
    Conversation get(@PathVariable UUID id, Caller caller) {
        return conversations.get(caller, id);
    }

    @Operation(operationId = "updateConversation",
            summary = "Rename a group, change its avatar or set disappearing messages",
            description = "A group's name and avatar are changed by its owner and admins (a direct conversation has "
                    + "neither: `NOT_A_GROUP`). `messageTtlSeconds` is set by either member of a direct conversation "
                    + "and by a group's owner and admins. The change is also a system message in the history.")
    @ApiErrors({"CONVERSATION_NOT_FOUND", "NOT_A_GROUP", "NOT_ALLOWED"})
    @PatchMapping("/{id}")
    Conversation update(@PathVariable UUID id, @Valid @RequestBody UpdateRequest request, Caller caller) {
        return conversations.update(caller, id, request.name() == null ? null : request.name().strip(),
                request.avatarFileId(), request.messageTtlSeconds());
    }

    @Operation(operationId = "deleteConversation", summary = "Delete a group (its owner)",
            description = "Deletes the group and its history for every member. A direct conversation cannot be "
                    + "deleted (`NOT_A_GROUP`).")
    @ApiErrors({"CONVERSATION_NOT_FOUND", "NOT_A_GROUP", "NOT_ALLOWED"})
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id, Caller caller) {
        conversations.delete(caller, id);
    }

    @Operation(operationId = "listMembers", summary = "List a conversation's members with their roles")
    @ApiErrors("CONVERSATION_NOT_FOUND")
    @GetMapping("/{id}/members")
    MemberList members(@PathVariable UUID id, Caller caller) {
        return new MemberList(conversations.get(caller, id).members());
    }

    @Operation(operationId = "addMembers", summary = "Add members to a group (owner and admins)",
            description = "Users already in the group are skipped. The same rules as for creating a group apply "
                    + "(`USER_BLOCKED`, `NOT_A_CONTACT`, `NOT_FOUND`, `PEER_UNAVAILABLE`), refused as a whole.")
    @ApiErrors({"CONVERSATION_NOT_FOUND", "EMAIL_NOT_VERIFIED", "NOT_A_GROUP", "NOT_ALLOWED", "USER_BLOCKED",
            "NOT_A_CONTACT", "NOT_FOUND", "GROUP_FULL", "PEER_UNAVAILABLE"})
    @PostMapping("/{id}/members")
    Conversation addMembers(@PathVariable UUID id, @Valid @RequestBody AddMembersRequest request,
                            Caller caller) {
        return conversations.addMembers(caller, id, request.userIds());
    }

    /** Removes a member; removing yourself is leaving. */
    @Operation(operationId = "removeMember", summary = "Remove a member from a group, or leave it",
            description = "Removing yourself is leaving; when the owner leaves, an admin (else the longest-standing "
                    + "member) becomes owner, and a group left empty is deleted. Removing someone else takes an owner "
                    + "or admin; only the owner removes admins, and nobody removes the owner (`NOT_ALLOWED`). "
                    + "`NOT_FOUND`: that user is not a member.")
    @ApiErrors({"CONVERSATION_NOT_FOUND", "NOT_A_GROUP", "NOT_ALLOWED", "NOT_FOUND"})
    @DeleteMapping("/{id}/members/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeMember(@PathVariable UUID id, @PathVariable UUID userId, Caller caller) {
        conversations.removeMember(caller, id, userId);
    }

    @Operation(operationId = "setMemberRole", summary = "Promote or demote a group member (its owner)",
            description = "Only the owner changes roles, of others, between `admin` and `member` (`NOT_ALLOWED`). "
                    + "`NOT_FOUND`: that user is not a member.")
    @ApiErrors({"CONVERSATION_NOT_FOUND", "NOT_A_GROUP", "NOT_ALLOWED", "NOT_FOUND"})
    @PatchMapping("/{id}/members/{userId}")
    Conversation setRole(@PathVariable UUID id, @PathVariable UUID userId, @Valid @RequestBody RoleRequest request,
                         Caller caller) {
        return conversations.setRole(caller, id, userId, Role.fromWire(request.role()));
    }
}
