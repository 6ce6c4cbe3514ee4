package io.secureconnect.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;

/**
 * The service's only way to S3. Every network call goes through the {@code s3} circuit breaker (so an outage is
 * answered with a quick 503 instead of requests piling up on timeouts) and is timed in
 * {@code storage_s3_requests_seconds{operation,outcome}}; failures count in {@code storage_s3_errors_total}.
 * Presigning is local computation and needs no S3 round trip.
 */
public class ObjectStore {

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final CircuitBreaker breaker;
    private final MeterRegistry meters;

    public ObjectStore(S3Client s3, S3Presigner presigner, String bucket, CircuitBreaker breaker, MeterRegistry meters) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.breaker = breaker;
        this.meters = meters;
    }

    /** Fails with {@link StorageUnavailableException} unless S3 answers now; used before promising anything. */
    public void checkAvailable() {
        guarded("head_bucket", () -> s3.headBucket(b -> b.bucket(bucket)));
    }

    /** Creates the bucket unless it exists. */
    public void ensureBucket() {
        guarded("create_bucket", () -> {
            try {
                s3.headBucket(b -> b.bucket(bucket));
            } catch (NoSuchBucketException e) {
                s3.createBucket(b -> b.bucket(bucket));
            } catch (S3Exception e) {
                if (e.statusCode() != 404) {
                    throw e;
                }
                s3.createBucket(b -> b.bucket(bucket));
            }
            return null;
        });
    }

    public Optional<ObjectInfo> stat(String key) {
        return guarded("head_object", () -> {
            try {
                var head = s3.headObject(b -> b.bucket(bucket).key(key));
                return Optional.of(new ObjectInfo(key, head.contentLength(), head.lastModified()));
            } catch (NoSuchKeyException e) {
                return Optional.empty();
            } catch (S3Exception e) {
                if (e.statusCode() == 404) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /** Reads the whole object and returns its SHA-256 in lower-case hex. */
    public String sha256(String key) {
        return guarded("get_object", () -> {
            try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(key))) {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                byte[] buffer = new byte[64 * 1024];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    digest.update(buffer, 0, n);
                }
                return HexFormat.of().formatHex(digest.digest());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Idempotent: deleting a missing object succeeds. */
    public void delete(String key) {
        guarded("delete_object", () -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
    }

    /** Writes an object directly (the service never does this for users; used for maintenance and tests). */
    public void put(String key, byte[] bytes) {
        guarded("put_object", () -> s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes)));
    }

    public String startMultipartUpload(String key, String contentType) {
        return guarded("create_multipart_upload",
                () -> s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType)).uploadId());
    }

    /**
     * Assembles the parts S3 holds for the upload; false when fewer than {@code expectedParts} arrived (the upload
     * is not finished, or was already assembled).
     */
    public boolean completeMultipartUpload(String key, String uploadId, int expectedParts) {
        return guarded("complete_multipart_upload", () -> {
            List<CompletedPart> parts = new ArrayList<>();
            try {
                for (Part part : s3.listPartsPaginator(b -> b.bucket(bucket).key(key).uploadId(uploadId)).parts()) {
                    parts.add(CompletedPart.builder().partNumber(part.partNumber()).eTag(part.eTag()).build());
                }
            } catch (NoSuchUploadException e) {
                return false;
            }
            if (parts.size() < expectedParts) {
                return false;
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
            return true;
        });
    }

    public void abortMultipartUpload(String key, String uploadId) {
        guarded("abort_multipart_upload", () -> {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            } catch (NoSuchUploadException e) {
                // already completed or aborted
            }
            return null;
        });
    }

    /** Objects under {@code prefix} last modified before {@code before}, at most {@code max} of them. */
    public List<ObjectInfo> listOlderThan(String prefix, Instant before, int max) {
        return guarded("list_objects", () -> {
            List<ObjectInfo> found = new ArrayList<>();
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
                if (object.lastModified().isBefore(before)) {
                    found.add(new ObjectInfo(object.key(), object.size(), object.lastModified()));
                    if (found.size() >= max) {
                        break;
                    }
                }
            }
            return found;
        });
    }

    /** An unfinished multipart upload: its parts take space until it is completed or aborted. */
    public record MultipartUpload(String key, String uploadId, Instant initiated) {
    }

    /** Unfinished multipart uploads under {@code prefix} started before {@code before}, at most {@code max}. */
    public List<MultipartUpload> multipartUploadsOlderThan(String prefix, Instant before, int max) {
        return guarded("list_multipart_uploads", () -> s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(prefix))
                .uploads().stream()
                .filter(upload -> upload.initiated().isBefore(before))
                .limit(max)
                .map(upload -> new MultipartUpload(upload.key(), upload.uploadId(), upload.initiated()))
                .toList());
    }

    /** A PUT URL that only accepts exactly {@code size} bytes of {@code contentType}. */
    public PresignedUrl presignUpload(String key, long size, String contentType,
                                                                      Duration ttl) {
        return toClientRequest(presigner.presignPutObject(p -> p.signatureDuration(ttl)
                .putObjectRequest(b -> b.bucket(bucket).key(key).contentLength(size).contentType(contentType))));
    }

    /** A PUT URL for one part of a multipart upload that only accepts exactly {@code size} bytes. */
    public PresignedUrl presignPart(String key, String uploadId, int partNumber,
                                                                    long size, Duration ttl) {
        return toClientRequest(presigner.presignUploadPart(p -> p.signatureDuration(ttl)
                .uploadPartRequest(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber)
                        .contentLength(size))));
    }

    /** A GET URL whose response carries the given Content-Disposition and Content-Type. */
    public PresignedUrl presignDownload(String key, String contentDisposition,
                                                                        String contentType, Duration ttl) {
        return toClientRequest(presigner.presignGetObject(p -> p.signatureDuration(ttl)
                .getObjectRequest(b -> b.bucket(bucket).key(key)
                        .responseContentDisposition(contentDisposition).responseContentType(contentType))));
    }

    private static PresignedUrl toClientRequest(PresignedRequest presigned) {
        Map<String, String> headers = new LinkedHashMap<>();
        presigned.signedHeaders().forEach((name, values) -> {
            // every HTTP client sets Host and Content-Length itself (from the URL and the body)
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                headers.put(canonicalHeaderName(name), String.join(",", values));
            }
        });
        return new PresignedUrl(presigned.url().toString(), headers,
                presigned.expiration());
    }

    private static String canonicalHeaderName(String name) {
        return name.equalsIgnoreCase("content-type") ? "Content-Type" : name;
    }

    private <T> T guarded(String operation, Supplier<T> call) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "success";
        try {
            return breaker.executeSupplier(() -> {
                try {
                    return call.get();
                } catch (S3Exception e) {
                    // 5xx: S3 is unwell; 401/403 on our own credentials: S3 is unusable until someone fixes them
                    boolean unusable = e.statusCode() >= 500 || e.statusCode() == 401 || e.statusCode() == 403;
                    throw unusable ? new S3ServerError(e) : e;
                }
            });
        } catch (CallNotPermittedException e) {
            outcome = "rejected";
            throw new StorageUnavailableException();
        } catch (SdkClientException | S3ServerError | UncheckedIOException e) {
            outcome = "error";
            Counter.builder("storage.s3.errors").description("S3 calls that failed for S3's or the network's reasons")
                    .tag("operation", operation).register(meters).increment();
            throw new StorageUnavailableException();
        } catch (RuntimeException e) {
            outcome = "refused";
            throw e;
        } finally {
            sample.stop(Timer.builder("storage.s3.requests").description("S3 calls by operation and outcome")
                    .tag("operation", operation).tag("outcome", outcome).publishPercentileHistogram()
                    .register(meters));
        }
    }
}
