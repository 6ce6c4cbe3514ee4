package io.secureconnect.storage;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of storage-service.
 *
 * @param s3                  where the bytes live
 * @param chat                where chat-service answers membership questions for shared files
 * @param defaultQuota        bytes a user may store unless an administrator set another limit for them
 * @param maxFileSize         the largest file one upload may declare
 * @param allowedContentTypes {@code type/subtype} values an upload may declare (parameters are dropped)
 * @param uploadUrlTtl        how long an upload URL (or part URL) works
 * @param downloadUrlTtl      how long a download URL works
 * @param multipartThreshold  files of at least this size are uploaded in parts, each with its own URL
 * @param partSize            size of each part but the last (S3 needs at least 5 MiB; at most 10,000 parts)
 * @param cleanup             the job that removes abandoned uploads and orphan objects
 */
@Validated
@ConfigurationProperties("secureconnect.storage")
public record StorageProperties(
        @Valid @DefaultValue S3 s3,
        @Valid @DefaultValue Chat chat,
        @DefaultValue("1GB") DataSize defaultQuota,
        @DefaultValue("1GB") DataSize maxFileSize,
        @NotEmpty @DefaultValue({"application/octet-stream", "application/pdf", "application/zip", "application/json",
                "text/plain", "text/csv", "image/jpeg", "image/png", "image/gif", "image/webp", "image/heic",
                "audio/mpeg", "audio/ogg", "audio/webm", "audio/mp4", "video/mp4", "video/webm", "video/quicktime"})
        List<String> allowedContentTypes,
        @DefaultValue("15m") Duration uploadUrlTtl,
        @DefaultValue("5m") Duration downloadUrlTtl,
        @DefaultValue("64MB") DataSize multipartThreshold,
        @DefaultValue("16MB") DataSize partSize,
        @Valid @DefaultValue Cleanup cleanup) {

    /**
     * @param endpoint       the S3 API the service talks to; empty means local mode: S3Proxy in-process, storing
     *                       under {@code embeddedDir}
     * @param publicEndpoint the S3 address clients reach, which presigned URLs carry; empty means {@code endpoint}
     * @param accessKey      S3 credentials (local mode makes random ones when empty)
     * @param bucket         created at startup when missing
     * @param embeddedDir    local mode: the directory objects are kept in
     * @param embeddedPort   local mode: the port of the in-process S3 (0 picks a free one)
     * @param connectTimeout a down S3 must fail fast so the circuit breaker sees it
     * @param socketTimeout  longest wait for a byte from S3
     */
    public record S3(URI endpoint, URI publicEndpoint, String accessKey, String secretKey,
                     @NotBlank @DefaultValue("secureconnect") String bucket,
                     @NotBlank @DefaultValue("us-east-1") String region,
                     @DefaultValue(".secureconnect/s3") Path embeddedDir,
                     @DefaultValue("0") int embeddedPort,
                     @DefaultValue("2s") Duration connectTimeout,
                     @DefaultValue("10s") Duration socketTimeout) {

        public boolean embedded() {
            return endpoint == null || endpoint.toString().isBlank();
        }
    }

    /**
     * @param url     chat-service's base URL
     * @param timeout the whole membership question; past it the download fails closed
     */
    public record Chat(@DefaultValue("http://127.0.0.1:8082") URI url, @DefaultValue("2s") Duration timeout) {
    }

    /**
     * @param enabled         run the job on a schedule (tests call it directly)
     * @param interval        time between runs
     * @param staleUploadAfter a pending upload older than this is abandoned: object and row removed, quota freed
     * @param orphanGrace     an object without a row is removed once it is older than this
     */
    public record Cleanup(@DefaultValue("true") boolean enabled, @DefaultValue("1h") Duration interval,
                          @DefaultValue("24h") Duration staleUploadAfter, @DefaultValue("1h") Duration orphanGrace) {
    }
}
