package io.secureconnect.chat.conversation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A conversation as its members see it; {@code unreadCount} and {@code lastReadSeq} are the caller's own.
 * {@code messageTtlSeconds}, when set, makes messages disappear that long after they were sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Conversation(
        @Schema(example = "0193a5c2-6b1e-7d4a-8f3c-2e9b7a1d4c50") UUID id,
        @Schema(example = "group") ConversationType type,
        @Schema(example = "Release planning", description = "A group's name; absent for a direct conversation")
        String name,
        @Schema(example = "0193a5c1-4f2e-7a3b-8c4d-5e6f7a8b9c0d", description = "A group's avatar, when it has one")
        UUID avatarFileId,
        @Schema(example = "false", description = "End-to-end encrypted (MLS): messages are `e2ee` ciphertext")
        boolean e2ee,
        @Schema(example = "604800", description = "Messages disappear this long after they are sent; absent when off")
        Long messageTtlSeconds,
        @Schema(example = "0193a5b8-1c2d-7e3f-9a4b-5c6d7e8f9a01") UUID createdBy,
        @Schema(example = "2026-12-07T09:15:00Z") Instant createdAt,
        @Schema(example = "2026-12-07T18:42:10Z") Instant lastActivityAt,
        @Schema(example = "128", description = "The `seq` of the conversation's latest message") long lastSeq,
        @Schema(example = "125", description = "The caller's read watermark") long lastReadSeq,
        @Schema(example = "3", description = "The caller's unread messages") long unreadCount,
        @Schema(description = "Every member with their role") List<Member> members) {

    Conversation withMembers(List<Member> members) {
        return new Conversation(id, type, name, avatarFileId, e2ee, messageTtlSeconds, createdBy, createdAt,
                lastActivityAt, lastSeq, lastReadSeq, unreadCount, members);
    }

    @JsonIgnore // derived from type; not a field of the API
    public boolean isGroup() {
        return type == ConversationType.GROUP;
    }
}
