package io.secureconnect.storage.file;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer to an upload announcement. A single upload PUTs exactly {@code size} bytes to {@code uploadUrl} with
 * {@code uploadHeaders}; a multipart upload ({@code uploadUrl} null) PUTs each part to its own URL. Then the
 * client calls complete.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record UploadTicket(UUID id, String uploadUrl, Map<String, String> uploadHeaders, Instant expiresAt,
                    Multipart multipart) {

    /** @param parts in order; every part but the last is {@code partSize} bytes */
    record Multipart(long partSize, List<PartUrl> parts) {
    }

    record PartUrl(int partNumber, long size, String url) {
    }
}
