package io.secureconnect.auth.admin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Current bans in PostgreSQL, one row per banned user. */
@Repository
class BanRepository {

    private final JdbcClient jdbc;

    BanRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the ban, replacing an earlier one of the same user. */
    void save(Ban ban) {
        jdbc.sql("""
                INSERT INTO user_bans (user_id, reason, banned_by, banned_at, until)
                VALUES (:userId, :reason, :bannedBy, :bannedAt, :until)
                ON CONFLICT (user_id) DO UPDATE SET reason = EXCLUDED.reason, banned_by = EXCLUDED.banned_by,
                                                    banned_at = EXCLUDED.banned_at, until = EXCLUDED.until
                """)
                .param("userId", ban.userId())
                .param("reason", ban.reason())
                .param("bannedBy", ban.bannedBy())
                .param("bannedAt", Timestamp.from(ban.bannedAt()))
                .param("until", ban.until() == null ? null : Timestamp.from(ban.until()))
                .update();
    }

    /** False when the user was not banned. */
    boolean delete(UUID userId) {
        return jdbc.sql("DELETE FROM user_bans WHERE user_id = :userId").param("userId", userId).update() == 1;
    }

    Optional<Ban> findActive(UUID userId, Instant now) {
        return jdbc.sql("SELECT * FROM user_bans WHERE user_id = :userId AND (until IS NULL OR until > :now)")
                .param("userId", userId).param("now", Timestamp.from(now))
                .query(BanRepository::map).optional();
    }

    private static Ban map(ResultSet row, int rowNumber) throws SQLException {
        Timestamp until = row.getTimestamp("until");
        return new Ban(row.getObject("user_id", UUID.class), row.getString("reason"),
                row.getObject("banned_by", UUID.class), row.getTimestamp("banned_at").toInstant(),
                until == null ? null : until.toInstant());
    }
}
