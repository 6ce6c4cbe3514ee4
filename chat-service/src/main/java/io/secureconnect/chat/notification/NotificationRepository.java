package io.secureconnect.chat.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.common.id.Ids;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The notification inbox in PostgreSQL; newest first, paged by id (ids are time-ordered). */
@Repository
class NotificationRepository {

    private static final String COLUMNS = "id, kind, read_at IS NOT NULL AS read, created_at, conversation_id, actor_id, data";
    private static final TypeReference<Map<String, Object>> DATA = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    NotificationRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Notification insert(UUID userId, NotificationKind kind, UUID conversationId, UUID actorId, Map<String, Object> data) {
        return jdbc.sql("""
                INSERT INTO notifications (id, user_id, kind, conversation_id, actor_id, data)
                VALUES (:id, :u, :kind, :c, :actor, CAST(:data AS jsonb))
                RETURNING\s""" + COLUMNS)
                .param("id", Ids.newId()).param("u", userId).param("kind", kind.wire()).param("c", conversationId)
                .param("actor", actorId).param("data", json.writeValueAsString(data))
                .query(this::notification).single();
    }

    /** Up to {@code limit} items older than {@code before} (null: the newest). */
    List<Notification> page(UUID userId, UUID before, boolean unreadOnly, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM notifications WHERE user_id = :u AND (CAST(:before AS uuid) IS NULL OR id < :before)
                AND (NOT :unreadOnly OR read_at IS NULL) ORDER BY id DESC LIMIT :limit
                """)
                .param("u", userId).param("before", before).param("unreadOnly", unreadOnly).param("limit", limit)
                .query(this::notification).list();
    }

    long unreadCount(UUID userId) {
        return jdbc.sql("SELECT count(*) FROM notifications WHERE user_id = :u AND read_at IS NULL")
                .param("u", userId).query(Long.class).single();
    }

    /** True when the user has this notification (read before or not). */
    boolean markRead(UUID userId, UUID id) {
        return jdbc.sql("UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE user_id = :u AND id = :id")
                .param("u", userId).param("id", id).update() > 0;
    }

    int markAllRead(UUID userId) {
        return jdbc.sql("UPDATE notifications SET read_at = now() WHERE user_id = :u AND read_at IS NULL")
                .param("u", userId).update();
    }

    boolean delete(UUID userId, UUID id) {
        return jdbc.sql("DELETE FROM notifications WHERE user_id = :u AND id = :id")
                .param("u", userId).param("id", id).update() > 0;
    }

    /**
     * Deletes up to {@code batch} notifications created before {@code cutoff}; returns how many. Ids are UUIDv7,
     * whose order is their creation time, so the primary key finds them.
     */
    int deleteOlderThan(Instant cutoff, int batch) {
        UUID firstKept = new UUID((cutoff.toEpochMilli() << 16) | 0x7000L, 0x8000_0000_0000_0000L);
        return jdbc.sql("""
                DELETE FROM notifications WHERE id IN (SELECT id FROM notifications WHERE id < :first LIMIT :batch)
                """)
                .param("first", firstKept).param("batch", batch).update();
    }

    private Notification notification(ResultSet row, int n) throws SQLException {
        return new Notification(row.getObject("id", UUID.class), NotificationKind.fromWire(row.getString("kind")),
                row.getBoolean("read"), row.getTimestamp("created_at").toInstant(),
                row.getObject("conversation_id", UUID.class), row.getObject("actor_id", UUID.class),
                json.readValue(row.getString("data"), DATA));
    }
}
