package io.secureconnect.storage.s3;

import java.time.Instant;

/** What S3 knows about one stored object. */
public record ObjectInfo(String key, long size, Instant lastModified) {
}
