package io.secureconnect.auth.user;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Accounts in PostgreSQL. Emails are stored normalised (trimmed, lower case) and unique. */
@Repository
public class UserRepository {

    private final JdbcClient jdbc;

    public UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the user; false when the email is taken. */
    public boolean insert(User user) {
        try {
            jdbc.sql("""
                    INSERT INTO users (id, email, display_name, password_hash, email_verified, roles, created_at, updated_at)
                    VALUES (:id, :email, :displayName, :passwordHash, :emailVerified, :roles, :createdAt, :createdAt)
                    """)
                    .param("roles", user.roles().toArray(String[]::new))
                    .param("id", user.id())
                    .param("email", user.email())
                    .param("displayName", user.displayName())
                    .param("passwordHash", user.passwordHash())
                    .param("emailVerified", user.emailVerified())
                    .param("createdAt", java.sql.Timestamp.from(user.createdAt()))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    public Optional<User> findByEmail(String normalizedEmail) {
        return jdbc.sql("SELECT * FROM users WHERE lower(email) = :email AND deleted_at IS NULL")
                .param("email", normalizedEmail)
                .query(UserRepository::map)
                .optional();
    }

    /** S8: the live account with this email, if it has verified it and lets others find it by it. */
    public Optional<User> findFindableByEmail(String normalizedEmail) {
        return jdbc.sql("""
                SELECT * FROM users
                WHERE lower(email) = :email AND deleted_at IS NULL AND email_verified AND findable_by_email
                """)
                .param("email", normalizedEmail)
                .query(UserRepository::map)
                .optional();
    }

    public void updateFindableByEmail(UUID id, boolean findable) {
        jdbc.sql("UPDATE users SET findable_by_email = :findable, updated_at = now() WHERE id = :id")
                .param("id", id).param("findable", findable).update();
    }

    public Optional<User> findById(UUID id) {
        return jdbc.sql("SELECT * FROM users WHERE id = :id AND deleted_at IS NULL")
                .param("id", id).query(UserRepository::map).optional();
    }

    /** Adds the role to the live account with this email if it has verified the address and lacks the role. */
    public void grantRoleToVerified(String normalizedEmail, String role) {
        jdbc.sql("UPDATE users SET roles = array_append(roles, :role), updated_at = now() "
                        + "WHERE lower(email) = :email AND email_verified AND deleted_at IS NULL "
                        + "AND NOT (:role = ANY (roles))")
                .param("email", normalizedEmail).param("role", role).update();
    }

    /**
     * Erases what is personal and makes the account unusable: the email becomes a placeholder (freeing the real one),
     * the name generic, the password hash one no password matches. The id stays for what refers to it.
     */
    public void anonymise(UUID id) {
        jdbc.sql("""
                UPDATE users SET email = 'deleted-' || id || '@deleted.invalid', display_name = 'Deleted user',
                                 password_hash = '!', email_verified = false, roles = ARRAY[]::text[],
                                 deleted_at = now(), updated_at = now()
                WHERE id = :id
                """).param("id", id).update();
    }

    /** Moves the account to a new (normalised) address; false when another account has it. */
    public boolean changeEmail(UUID id, String newEmail) {
        try {
            return jdbc.sql("UPDATE users SET email = :email, updated_at = now() WHERE id = :id AND deleted_at IS NULL")
                    .param("id", id).param("email", newEmail).update() == 1;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    public void updateAvatar(UUID id, UUID avatarFileId) {
        jdbc.sql("UPDATE users SET avatar_file_id = :avatar, updated_at = now() WHERE id = :id")
                .param("id", id).param("avatar", avatarFileId).update();
    }

    public void updateDisplayName(UUID id, String displayName) {
        jdbc.sql("UPDATE users SET display_name = :name, updated_at = now() WHERE id = :id")
                .param("id", id).param("name", displayName).update();
    }

    /** Users whose display name starts with {@code prefix} (case-insensitive), after the cursor position. */
    public List<User> findByDisplayNamePrefix(String prefix, String afterName, UUID afterId, int limit) {
        return jdbc.sql("""
                SELECT * FROM users
                WHERE lower(display_name) LIKE :pattern ESCAPE '\\' AND deleted_at IS NULL
                  AND (lower(display_name), id) > (:afterName, :afterId)
                ORDER BY lower(display_name), id
                LIMIT :limit
                """)
                .param("pattern", escapeLike(prefix.toLowerCase(Locale.ROOT)) + "%")
                .param("afterName", afterName)
                .param("afterId", afterId)
                .param("limit", limit)
                .query(UserRepository::map)
                .list();
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    public void markEmailVerified(UUID id) {
        jdbc.sql("UPDATE users SET email_verified = true, updated_at = now() WHERE id = :id").param("id", id).update();
    }

    public void updatePasswordHash(UUID id, String passwordHash) {
        jdbc.sql("UPDATE users SET password_hash = :hash, updated_at = now() WHERE id = :id")
                .param("id", id).param("hash", passwordHash).update();
    }

    private static User map(ResultSet row, int rowNumber) throws SQLException {
        Array roles = row.getArray("roles");
        return new User(row.getObject("id", UUID.class), row.getString("email"), row.getString("display_name"),
                row.getString("password_hash"), row.getBoolean("email_verified"),
                List.copyOf(Arrays.asList((String[]) roles.getArray())), row.getTimestamp("created_at").toInstant(),
                row.getObject("avatar_file_id", UUID.class), row.getBoolean("findable_by_email"));
    }
}
