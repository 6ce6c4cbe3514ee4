package io.secureconnect.storage.file;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** File metadata in PostgreSQL. */
@Repository
public class FileRepository {

    private static final String COLUMNS = """
            id, owner_id, name, size, content_type, sha256, encrypted, status, object_key, multipart_upload_id,
            part_size, created_at, completed_at""";

    private final JdbcClient jdbc;

    FileRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(StoredFile file, String idempotencyKey) {
        jdbc.sql("""
                INSERT INTO files (id, owner_id, name, size, content_type, sha256, encrypted, status, object_key,
                                   multipart_upload_id, part_size, idempotency_key, created_at)
                VALUES (:id, :owner, :name, :size, :type, :sha256, :encrypted, :status, :key, :upload, :partSize,
                        :idempotencyKey, :createdAt)
                """)
                .param("id", file.id()).param("owner", file.ownerId()).param("name", file.name())
                .param("size", file.size()).param("type", file.contentType()).param("sha256", file.sha256())
                .param("encrypted", file.encrypted()).param("status", file.status().name())
                .param("key", file.objectKey()).param("upload", file.multipartUploadId())
                .param("partSize", file.partSize()).param("idempotencyKey", idempotencyKey)
                .param("createdAt", Timestamp.from(file.createdAt()))
                .update();
    }

    public Optional<StoredFile> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM files WHERE id = :id").param("id", id)
                .query(FileRepository::map).optional();
    }

    Optional<StoredFile> findByIdempotencyKey(UUID owner, String key) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM files WHERE owner_id = :owner AND idempotency_key = :key")
                .param("owner", owner).param("key", key).query(FileRepository::map).optional();
    }

    /** True when this call moved the file from pending to ready (false: someone else completed it first). */
    boolean markReady(UUID id, Instant now) {
        return jdbc.sql("UPDATE files SET status = 'ready', completed_at = :now WHERE id = :id AND status = 'pending'")
                .param("id", id).param("now", Timestamp.from(now)).update() == 1;
    }

    /** Removes the row; returns it as it was, or empty when it was already gone. */
    public Optional<StoredFile> delete(UUID id) {
        return jdbc.sql("DELETE FROM files WHERE id = :id RETURNING " + COLUMNS).param("id", id)
                .query(FileRepository::map).optional();
    }

    /** The owner's files, newest first, starting below {@code before} (a file id) when given. */
    List<StoredFile> ownedBy(UUID owner, UUID before, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM files WHERE owner_id = :owner AND (CAST(:before AS uuid) IS NULL OR id < :before)
                ORDER BY id DESC LIMIT :limit
                """).param("owner", owner).param("before", before).param("limit", limit)
                .query(FileRepository::map).list();
    }

    public List<StoredFile> pendingCreatedBefore(Instant cutoff, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM files WHERE status = 'pending' AND created_at < :cutoff "
                        + "ORDER BY created_at LIMIT :limit")
                .param("cutoff", Timestamp.from(cutoff)).param("limit", limit).query(FileRepository::map).list();
    }

    public boolean existsWithMultipartUpload(String uploadId) {
        return jdbc.sql("SELECT count(*) FROM files WHERE multipart_upload_id = :upload").param("upload", uploadId)
                .query(Long.class).single() > 0;
    }

    public boolean existsWithObjectKey(String key) {
        return jdbc.sql("SELECT count(*) FROM files WHERE object_key = :key").param("key", key)
                .query(Long.class).single() > 0;
    }

    private static StoredFile map(ResultSet row, int n) throws SQLException {
        Timestamp completed = row.getTimestamp("completed_at");
        Long partSize = row.getObject("part_size", Long.class);
        return new StoredFile(row.getObject("id", UUID.class), row.getObject("owner_id", UUID.class),
                row.getString("name"), row.getLong("size"), row.getString("content_type"), row.getString("sha256"),
                row.getBoolean("encrypted"), StoredFile.Status.valueOf(row.getString("status")),
                row.getString("object_key"), row.getString("multipart_upload_id"), partSize,
                row.getTimestamp("created_at").toInstant(), completed == null ? null : completed.toInstant());
    }
}
