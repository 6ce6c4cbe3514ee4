package io.secureconnect.storage.file;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer to an upload announcement. A single upload PUTs exactly {@code size} bytes to {@code uploadUrl} with
 * {@code uploadHeaders}; a multipart upload ({@code uploadUrl} null) PUTs each part to its own URL. Then the
 * client calls complete.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Where to PUT the bytes: either `uploadUrl` with `uploadHeaders` (one PUT of the whole file)"
        + " or `multipart` (one PUT per part); then complete the upload.")
record UploadTicket(
        @Schema(description = "The file's id", example = "0190f3b4-6c5d-7e8f-9a0b-1c2d3e4f5a6b") UUID id,
        @Schema(description = "A presigned S3 URL: PUT exactly the announced bytes to it, without the bearer token;"
                + " absent for a multipart upload",
                example = "https://files.example.com/secureconnect/0190f39f-1a2b-7c3d-8e4f-5a6b7c8d9e0f/"
                        + "0190f3b4-6c5d-7e8f-9a0b-1c2d3e4f5a6b?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=7b2e")
        String uploadUrl,
        @Schema(description = "Headers the PUT must carry exactly as given (they are signed); absent for a"
                + " multipart upload", example = "{\"Content-Type\": \"application/pdf\"}")
        Map<String, String> uploadHeaders,
        @Schema(description = "The upload URLs work until then", example = "2026-12-07T20:30:00Z") Instant expiresAt,
        @Schema(description = "Present for a large file instead of `uploadUrl`") Multipart multipart) {

    /** @param parts in order; every part but the last is {@code partSize} bytes */
    @Schema(name = "MultipartUpload", description = "A large file goes up in parts, each PUT to its own URL"
            + " (in any order, also in parallel)")
    record Multipart(@Schema(description = "Every part but the last has this many bytes", example = "16777216")
                     long partSize,
                     @Schema(description = "All parts, in order") List<PartUrl> parts) {
    }

    @Schema(name = "UploadPart", description = "PUT exactly `size` bytes of the file to `url`")
    record PartUrl(@Schema(description = "1 for the first part", example = "1") int partNumber,
                   @Schema(example = "16777216") long size,
                   @Schema(description = "A presigned S3 URL for this part",
                           example = "https://files.example.com/secureconnect/0190f39f-1a2b-7c3d-8e4f-5a6b7c8d9e0f/"
                                   + "0190f3b4-6c5d-7e8f-9a0b-1c2d3e4f5a6b?partNumber=1&uploadId=2~Vd1s"
                                   + "&X-Amz-Signature=c41a")
                   String url) {
    }
}
