package io.secureconnect.chat.conversation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A conversation as its members see it; {@code unreadCount} and {@code lastReadSeq} are the caller's own.
 * {@code messageTtlSeconds}, when set, makes messages disappear that long after they were sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Conversation(UUID id, ConversationType type, String name, UUID avatarFileId, boolean e2ee,
                           Long messageTtlSeconds, UUID createdBy, Instant createdAt, Instant lastActivityAt,
                           long lastSeq, long lastReadSeq, long unreadCount, List<Member> members) {

    Conversation withMembers(List<Member> members) {
        return new Conversation(id, type, name, avatarFileId, e2ee, messageTtlSeconds, createdBy, createdAt,
                lastActivityAt, lastSeq, lastReadSeq, unreadCount, members);
    }

    @JsonIgnore // derived from type; not a field of the API
    public boolean isGroup() {
        return type == ConversationType.GROUP;
    }
}
