package io.secureconnect.storage.file;

import java.time.Instant;
import java.util.UUID;

/** A file as its owner sees it. */
record FileView(UUID id, String name, long size, String contentType, String status, boolean encrypted, String sha256,
                Instant createdAt, Instant completedAt) {

    static FileView of(StoredFile file) {
        return new FileView(file.id(), file.name(), file.size(), file.contentType(), file.status().name(),
                file.encrypted(), file.sha256(), file.createdAt(), file.completedAt());
    }
}
