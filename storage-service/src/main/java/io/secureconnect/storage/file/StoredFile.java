package io.secureconnect.storage.file;

import java.time.Instant;
import java.util.UUID;

/**
 * One file's metadata. {@code objectKey} is {@code users/<owner>/<id>}: the user's file name never reaches S3, so
 * no name can traverse paths there. A multipart upload has its S3 {@code multipartUploadId} and {@code partSize}.
 */
public record StoredFile(UUID id, UUID ownerId, String name, long size, String contentType, String sha256,
                         boolean encrypted, Status status, String objectKey, String multipartUploadId, Long partSize,
                         Instant createdAt, Instant completedAt) {

    public enum Status { pending, ready }

    public boolean ownedBy(UUID user) {
        return ownerId.equals(user);
    }

    public boolean isReady() {
        return status == Status.ready;
    }

    public boolean isMultipart() {
        return multipartUploadId != null;
    }

    public int partCount() {
        return isMultipart() ? (int) Math.max(1, (size + partSize - 1) / partSize) : 1;
    }

    public String resource() {
        return "file:" + id;
    }

    static String objectKeyOf(UUID owner, UUID id) {
        return "users/" + owner + "/" + id;
    }
}
