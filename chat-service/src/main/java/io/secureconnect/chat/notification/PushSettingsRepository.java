package io.secureconnect.chat.notification;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Per-user push preferences (by kind) and conversation mutes. */
@Repository
class PushSettingsRepository {

    private final JdbcClient jdbc;

    PushSettingsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether each kind is pushed to the user; kinds without a row are pushed. */
    Map<NotificationKind, Boolean> preferences(UUID userId) {
        Map<NotificationKind, Boolean> push = new EnumMap<>(NotificationKind.class);
        for (NotificationKind kind : NotificationKind.values()) {
            push.put(kind, true);
        }
        jdbc.sql("SELECT kind, push FROM notification_preferences WHERE user_id = :u").param("u", userId)
                .query((ResultSet row) -> {
                    NotificationKind kind = NotificationKind.fromWire(row.getString("kind"));
                    if (kind != null) {
                        push.put(kind, row.getBoolean("push"));
                    }
                });
        return push;
    }

    void setPreference(UUID userId, NotificationKind kind, boolean push) {
        jdbc.sql("""
                INSERT INTO notification_preferences (user_id, kind, push) VALUES (:u, :kind, :push)
                ON CONFLICT (user_id, kind) DO UPDATE SET push = excluded.push
                """)
                .param("u", userId).param("kind", kind.wire()).param("push", push).update();
    }

    /** Of {@code userIds}, those who do not want {@code kind} pushed. */
    Set<UUID> pushOff(NotificationKind kind, Collection<UUID> userIds) {
        return new HashSet<>(jdbc.sql("""
                SELECT user_id FROM notification_preferences WHERE kind = :kind AND NOT push AND user_id = ANY(:ids)
                """)
                .param("kind", kind.wire()).param("ids", userIds.toArray(UUID[]::new)).query(UUID.class).list());
    }

    /** Of {@code userIds}, those who muted the conversation until after now. */
    Set<UUID> muted(UUID conversationId, Collection<UUID> userIds) {
        return new HashSet<>(jdbc.sql("""
                SELECT user_id FROM conversation_mutes
                WHERE conversation_id = :c AND muted_until > now() AND user_id = ANY(:ids)
                """)
                .param("c", conversationId).param("ids", userIds.toArray(UUID[]::new)).query(UUID.class).list());
    }

    void mute(UUID userId, UUID conversationId, Instant until) {
        jdbc.sql("""
                INSERT INTO conversation_mutes (user_id, conversation_id, muted_until) VALUES (:u, :c, :until)
                ON CONFLICT (user_id, conversation_id) DO UPDATE SET muted_until = excluded.muted_until
                """)
                .param("u", userId).param("c", conversationId).param("until", Timestamp.from(until)).update();
    }

    boolean unmute(UUID userId, UUID conversationId) {
        return jdbc.sql("DELETE FROM conversation_mutes WHERE user_id = :u AND conversation_id = :c")
                .param("u", userId).param("c", conversationId).update() > 0;
    }

    /** The user's mutes that have not run out. */
    List<Mute> mutes(UUID userId) {
        return jdbc.sql("""
                SELECT conversation_id, muted_until FROM conversation_mutes WHERE user_id = :u AND muted_until > now()
                ORDER BY muted_until
                """)
                .param("u", userId)
                .query((row, n) -> new Mute(row.getObject("conversation_id", UUID.class),
                        row.getTimestamp("muted_until").toInstant())).list();
    }

    @Schema(name = "ConversationMute")
    record Mute(@Schema(example = "0193a5b8-1c2d-7e3f-a4b5-c6d7e8f90a1b") UUID conversationId,
                @Schema(example = "2026-12-08T08:00:00Z", description = "`9999-12-31T00:00:00Z`: until unmuted")
                Instant until) {
    }
}
