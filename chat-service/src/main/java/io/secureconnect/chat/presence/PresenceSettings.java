package io.secureconnect.chat.presence;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who hides their last-seen time (S6): kept in PostgreSQL, so the choice holds while Redis is away or wiped. */
@Repository
class PresenceSettings {

    private final JdbcClient jdbc;

    PresenceSettings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean showsLastSeen(UUID userId) {
        return hidingLastSeen(Set.of(userId)).isEmpty();
    }

    /** Those of {@code userIds} who hide their last-seen time (everyone else shows it: the default). */
    Set<UUID> hidingLastSeen(Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("SELECT user_id FROM presence_settings WHERE NOT show_last_seen AND user_id = ANY(:ids)")
                .param("ids", userIds.toArray(UUID[]::new)).query(UUID.class).list());
    }

    void showLastSeen(UUID userId, boolean show) {
        jdbc.sql("""
                INSERT INTO presence_settings (user_id, show_last_seen) VALUES (:u, :show)
                ON CONFLICT (user_id) DO UPDATE SET show_last_seen = excluded.show_last_seen, updated_at = now()
                """)
                .param("u", userId).param("show", show).update();
    }
}
