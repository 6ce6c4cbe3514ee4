package io.secureconnect.storage.share;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which conversations a file was shared into. Rows go with their file (ON DELETE CASCADE). */
@Repository
class ShareRepository {

    private final JdbcClient jdbc;

    ShareRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Share(UUID fileId, UUID conversationId, UUID sharedBy, Instant sharedAt) {
    }

    /** Records the grant once; sharing into the same conversation again keeps the first grant. */
    Share grant(UUID fileId, UUID conversationId, UUID sharedBy, Instant now) {
        jdbc.sql("""
                INSERT INTO file_shares (file_id, conversation_id, shared_by, shared_at)
                VALUES (:file, :conversation, :by, :now) ON CONFLICT DO NOTHING
                """).param("file", fileId).param("conversation", conversationId).param("by", sharedBy)
                .param("now", Timestamp.from(now)).update();
        return jdbc.sql("SELECT file_id, conversation_id, shared_by, shared_at FROM file_shares "
                        + "WHERE file_id = :file AND conversation_id = :conversation")
                .param("file", fileId).param("conversation", conversationId)
                .query((row, n) -> new Share(row.getObject("file_id", UUID.class),
                        row.getObject("conversation_id", UUID.class), row.getObject("shared_by", UUID.class),
                        row.getTimestamp("shared_at").toInstant()))
                .single();
    }

    boolean revoke(UUID fileId, UUID conversationId) {
        return jdbc.sql("DELETE FROM file_shares WHERE file_id = :file AND conversation_id = :conversation")
                .param("file", fileId).param("conversation", conversationId).update() == 1;
    }

    /** The conversations the file was shared into, most recent first, at most {@code limit}. */
    List<UUID> conversationsOf(UUID fileId, int limit) {
        return jdbc.sql("SELECT conversation_id FROM file_shares WHERE file_id = :file ORDER BY shared_at DESC LIMIT :limit")
                .param("file", fileId).param("limit", limit).query(UUID.class).list();
    }
}
