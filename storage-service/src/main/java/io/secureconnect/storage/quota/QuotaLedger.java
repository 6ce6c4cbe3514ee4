package io.secureconnect.storage.quota;

import java.util.UUID;

import io.secureconnect.storage.StorageProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Each user's bytes in PostgreSQL: {@code used} (ready files), {@code reserved} (uploads handed a URL but not yet
 * completed) and an optional per-user limit. Space is reserved when the upload URL is issued, with one conditional
 * UPDATE of the user's row: concurrent reservations queue on that row's lock and each re-checks the sum against the
 * limit after the one before it committed, so no interleaving can take the user past the limit. Reserving early
 * (rather than at completion) means a client learns "over quota" before sending any bytes, and a pending upload
 * can never be refused after it was paid for in bandwidth. Abandoned reservations are freed by the cleanup job.
 */
@Repository
public class QuotaLedger {

    private final JdbcClient jdbc;
    private final long defaultLimit;

    QuotaLedger(JdbcClient jdbc, StorageProperties properties) {
        this.jdbc = jdbc;
        this.defaultLimit = properties.defaultQuota().toBytes();
    }

    /** Bytes of one user. */
    public record Usage(long usedBytes, long reservedBytes, long limitBytes) {
    }

    /** Reserves {@code size} bytes for a new upload; false (nothing changed) when that would exceed the limit. */
    public boolean reserve(UUID user, long size) {
        ensureRow(user);
        return jdbc.sql("""
                UPDATE storage_quotas SET reserved_bytes = reserved_bytes + :size
                WHERE user_id = :user AND used_bytes + reserved_bytes + :size <= COALESCE(limit_bytes, :default)
                """).param("user", user).param("size", size).param("default", defaultLimit).update() == 1;
    }

    /**
     * Turns a reservation into used bytes when the upload completes. False when the limit was lowered meanwhile
     * so the file no longer fits; the reservation is then left for the caller to release.
     */
    public boolean charge(UUID user, long size) {
        return jdbc.sql("""
                UPDATE storage_quotas SET reserved_bytes = reserved_bytes - :size, used_bytes = used_bytes + :size
                WHERE user_id = :user AND used_bytes + :size <= COALESCE(limit_bytes, :default)
                """).param("user", user).param("size", size).param("default", defaultLimit).update() == 1;
    }

    /** Frees the reservation of an upload that will not complete. */
    public void release(UUID user, long size) {
        jdbc.sql("UPDATE storage_quotas SET reserved_bytes = reserved_bytes - :size WHERE user_id = :user")
                .param("user", user).param("size", size).update();
    }

    /** Gives back the bytes of a deleted ready file. */
    public void credit(UUID user, long size) {
        jdbc.sql("UPDATE storage_quotas SET used_bytes = used_bytes - :size WHERE user_id = :user")
                .param("user", user).param("size", size).update();
    }

    public Usage usage(UUID user) {
        return jdbc.sql("SELECT used_bytes, reserved_bytes, COALESCE(limit_bytes, :default) AS limit_bytes "
                        + "FROM storage_quotas WHERE user_id = :user")
                .param("user", user).param("default", defaultLimit)
                .query((row, n) -> new Usage(row.getLong("used_bytes"), row.getLong("reserved_bytes"),
                        row.getLong("limit_bytes")))
                .optional().orElse(new Usage(0, 0, defaultLimit));
    }

    /** Sets a user's own limit; {@code null} returns them to the default. */
    void setLimit(UUID user, Long limitBytes) {
        ensureRow(user);
        jdbc.sql("UPDATE storage_quotas SET limit_bytes = :limit WHERE user_id = :user")
                .param("user", user).param("limit", limitBytes).update();
    }

    /** Bytes of ready files across all users, for {@code storage_bytes_stored}. */
    public long totalUsed() {
        return jdbc.sql("SELECT COALESCE(sum(used_bytes), 0) FROM storage_quotas").query(Long.class).single();
    }

    private void ensureRow(UUID user) {
        jdbc.sql("INSERT INTO storage_quotas (user_id) VALUES (:user) ON CONFLICT DO NOTHING").param("user", user).update();
    }
}
