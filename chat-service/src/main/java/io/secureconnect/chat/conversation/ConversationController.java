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

import io.secureconnect.common.paging.Page;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.text.Storable;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

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
class ConversationController {

    private final Conversations conversations;

    ConversationController(Conversations conversations) {
        this.conversations = conversations;
    }

    record CreateRequest(@NotNull @Pattern(regexp = "direct|group") String type,
                         @NotNull @Size(max = 1000) List<@NotNull UUID> memberIds,
                         @Size(min = 1, max = 100) @Storable String name,
                         UUID avatarFileId,
                         Boolean e2ee) {
    }

    /** {@code messageTtlSeconds}: messages disappear this long after they are sent; 0 turns it off. */
    record UpdateRequest(@Size(min = 1, max = 100) @Storable String name, UUID avatarFileId,
                         @Min(0) @Max(31_536_000) Long messageTtlSeconds) {
    }

    record AddMembersRequest(@NotEmpty @Size(max = 1000) List<@NotNull UUID> userIds) {
    }

    record RoleRequest(@NotNull @Pattern(regexp = "admin|member") String role) {
    }

    /** 201 with a new conversation; 200 with the existing one when a direct conversation with that user exists. */
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

    @GetMapping
    Page<Conversation> list(@RequestParam(required = false) String cursor,
                            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
                            Caller caller) {
        return conversations.list(caller, cursor, limit);
    }

    @GetMapping("/{id}")
    Conversation get(@PathVariable UUID id, Caller caller) {
        return conversations.get(caller, id);
    }

    @PatchMapping("/{id}")
    Conversation update(@PathVariable UUID id, @Valid @RequestBody UpdateRequest request, Caller caller) {
        return conversations.update(caller, id, request.name() == null ? null : request.name().strip(),
                request.avatarFileId(), request.messageTtlSeconds());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id, Caller caller) {
        conversations.delete(caller, id);
    }

    @GetMapping("/{id}/members")
    Map<String, List<Member>> members(@PathVariable UUID id, Caller caller) {
        return Map.of("items", conversations.get(caller, id).members());
    }

    @PostMapping("/{id}/members")
    Conversation addMembers(@PathVariable UUID id, @Valid @RequestBody AddMembersRequest request,
                            Caller caller) {
        return conversations.addMembers(caller, id, request.userIds());
    }

    /** Removes a member; removing yourself is leaving. */
    @DeleteMapping("/{id}/members/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeMember(@PathVariable UUID id, @PathVariable UUID userId, Caller caller) {
        conversations.removeMember(caller, id, userId);
    }

    @PatchMapping("/{id}/members/{userId}")
    Conversation setRole(@PathVariable UUID id, @PathVariable UUID userId, @Valid @RequestBody RoleRequest request,
                         Caller caller) {
        return conversations.setRole(caller, id, userId, Role.fromWire(request.role()));
    }
}
