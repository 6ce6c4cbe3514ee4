package io.secureconnect.storage.s3;

import java.time.Instant;
import java.util.Map;

/**
 * A URL a client uses directly against S3, with the headers it must send exactly as given (they are part of the
 * signature: a different Content-Length or Content-Type makes S3 answer 403).
 */
public record PresignedUrl(String url, Map<String, String> headers, Instant expiresAt) {
}
