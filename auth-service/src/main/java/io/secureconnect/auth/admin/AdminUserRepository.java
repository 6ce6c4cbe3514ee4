package io.secureconnect.auth.admin;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.common.paging.Cursor;
import io.secureconnect.common.paging.Page;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Accounts as administrators see them: with their status ({@link UserStatus}) and ban, searchable by email or name,
 * sorted by creation time, email or name, paged by an opaque keyset cursor.
 */
@Repository
class AdminUserRepository {

    /** A user's status, derived in one place so the list, its filter and the stats agree. */
    private static final String STATUS = """
            CASE WHEN u.deleted_at IS NOT NULL THEN 'deleted'
                 WHEN b.user_id IS NOT NULL AND (b.until IS NULL OR b.until > now()) THEN 'banned'
                 WHEN NOT u.email_verified THEN 'unverified'
                 ELSE 'active' END
            """;

    private final JdbcClient jdbc;

    AdminUserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Page<AdminUserView> list(String search, UserStatus status, UserListSort sort, boolean descending, String cursor, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT * FROM (
                    SELECT u.*, b.reason AS ban_reason, b.banned_at, b.until AS ban_until,
                           %s AS status, %s AS sort_key
                    FROM users u LEFT JOIN user_bans b ON b.user_id = u.id
                ) listed WHERE true
                """.formatted(STATUS, sort == UserListSort.CREATED_AT ? "u.created_at::text" : "lower(u." + column(sort) + ")"));
        Map<String, Object> params = new LinkedHashMap<>();
        if (search != null && !search.isBlank()) {
            sql.append(" AND (lower(email) LIKE :search ESCAPE '\\' OR lower(display_name) LIKE :search ESCAPE '\\')");
            params.put("search", "%" + escapeLike(search.strip().toLowerCase(Locale.ROOT)) + "%");
        }
        if (status != null) {
            sql.append(" AND status = :status");
            params.put("status", status.label());
        }
        // the sort key goes last in the cursor: it is free text (an email or a name)
        Cursor position = Cursor.decode(cursor, 2, CommonErrorCode.MALFORMED_REQUEST);
        if (position != null) {
            sql.append(" AND (").append(sort.expression()).append(", id) ").append(descending ? "<" : ">")
                    .append(" (").append(sort == UserListSort.CREATED_AT ? "CAST(:afterKey AS timestamptz)" : ":afterKey")
                    .append(", :afterId)");
            params.put("afterKey", position.text(1));
            params.put("afterId", position.id(0));
        }
        String direction = descending ? " DESC" : " ASC";
        sql.append(" ORDER BY ").append(sort.expression()).append(direction).append(", id").append(direction)
                .append(" LIMIT ").append(limit + 1);
        JdbcClient.StatementSpec statement = jdbc.sql(sql.toString());
        params.forEach(statement::param);
        List<Row> rows = statement.query(AdminUserRepository::map).list();
        return Page.of(rows, limit, last -> Cursor.encode(last.view().id(), last.sortKey())).map(Row::view);
    }

    /** Accounts per status; statuses without accounts count 0. */
    Map<String, Long> countByStatus() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (UserStatus status : UserStatus.values()) {
            counts.put(status.label(), 0L);
        }
        jdbc.sql("SELECT " + STATUS + " AS status, count(*) AS n FROM users u LEFT JOIN user_bans b ON b.user_id = u.id"
                        + " GROUP BY 1")
                .query((row, n) -> Map.entry(row.getString("status"), row.getLong("n")))
                .list()
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
        return counts;
    }

    long activeSessions() {
        return jdbc.sql("SELECT count(*) FROM sessions WHERE revoked_at IS NULL AND expires_at > now()")
                .query(Long.class).single();
    }

    private record Row(AdminUserView view, String sortKey) {
    }

    private static Row map(ResultSet row, int rowNumber) throws SQLException {
        Array roles = row.getArray("roles");
        Timestamp bannedAt = row.getTimestamp("banned_at");
        Timestamp until = row.getTimestamp("ban_until");
        String status = row.getString("status");
        AdminUserView.BanView ban = "banned".equals(status) && bannedAt != null
                ? new AdminUserView.BanView(row.getString("ban_reason"), bannedAt.toInstant(), until == null ? null : until.toInstant())
                : null;
        return new Row(new AdminUserView(row.getObject("id", UUID.class), row.getString("email"),
                row.getString("display_name"), row.getBoolean("email_verified"),
                List.copyOf(Arrays.asList((String[]) roles.getArray())), status,
                row.getTimestamp("created_at").toInstant(), ban,
                new AdminUserView.SignIn(row.getString("password_hash") != null, false, 0, List.of())),
                row.getString("sort_key"));
    }

    private static String column(UserListSort sort) {
        return sort == UserListSort.EMAIL ? "email" : "display_name";
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
