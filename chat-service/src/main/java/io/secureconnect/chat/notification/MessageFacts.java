package io.secureconnect.chat.notification;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What notifying about a message needs to know of its conversation and of the message it replies to. */
@Repository
class MessageFacts {

    private final JdbcClient jdbc;

    MessageFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record ConversationFacts(boolean group, String name, boolean e2ee) {
    }

    Optional<ConversationFacts> conversation(UUID conversationId) {
        return jdbc.sql("SELECT type, name, e2ee FROM conversations WHERE id = :c").param("c", conversationId)
                .query((row, n) -> new ConversationFacts("group".equals(row.getString("type")), row.getString("name"),
                        row.getBoolean("e2ee"))).optional();
    }

    /** The author of a message of the conversation, unless it was deleted. */
    Optional<UUID> authorOf(UUID conversationId, UUID messageId) {
        return jdbc.sql("SELECT sender_id FROM messages WHERE conversation_id = :c AND id = :m AND deleted_at IS NULL")
                .param("c", conversationId).param("m", messageId).query(UUID.class).optional();
    }
}
