package io.secureconnect.chat.conversation;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A conversation in a {@code conversation.updated} frame: what every member shares, nothing personal. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversationUpdate(UUID id, ConversationType type, String name, UUID avatarFileId, boolean e2ee,
                          Long messageTtlSeconds, long lastSeq, List<Member> members) {

    static ConversationUpdate of(Conversation conversation) {
        return new ConversationUpdate(conversation.id(), conversation.type(), conversation.name(),
                conversation.avatarFileId(), conversation.e2ee(), conversation.messageTtlSeconds(), conversation.lastSeq(),
                conversation.members());
    }
}
