package io.secureconnect.storage.file;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.id.Ids;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;
import io.secureconnect.storage.StorageErrorCode;
import io.secureconnect.storage.StorageMetrics;
import io.secureconnect.storage.StorageProperties;
import io.secureconnect.storage.quota.QuotaLedger;
import io.secureconnect.storage.s3.ObjectStore;
import io.secureconnect.storage.s3.PresignedUrl;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Announcing and completing uploads. Quota is reserved when the URL is issued (see {@link QuotaLedger}); the bytes
 * then go straight from the client to S3, and completion checks what S3 really holds (existence, size, checksum)
 * before the file becomes ready. Whatever is refused is removed again: object, row and reservation.
 */
@Service
class Uploads {

    private final FileRepository files;
    private final QuotaLedger quota;
    private final ObjectStore store;
    private final ContentTypes contentTypes;
    private final StorageProperties properties;
    private final TransactionTemplate transaction;
    private final AuditLogger audit;
    private final StorageMetrics metrics;
    private final FileDeletion deletion;
    private final Clock clock;

    Uploads(FileRepository files, QuotaLedger quota, ObjectStore store, ContentTypes contentTypes,
            StorageProperties properties, TransactionTemplate transaction, AuditLogger audit, StorageMetrics metrics,
            FileDeletion deletion, Clock clock) {
        this.clock = clock;
        this.files = files;
        this.quota = quota;
        this.store = store;
        this.contentTypes = contentTypes;
        this.properties = properties;
        this.transaction = transaction;
        this.audit = audit;
        this.metrics = metrics;
        this.deletion = deletion;
    }

    UploadTicket announce(UUID owner, UploadRequest request, String idempotencyKey) {
        if (idempotencyKey != null) {
            Optional<StoredFile> earlier = files.findByIdempotencyKey(owner, idempotencyKey);
            if (earlier.isPresent()) {
                return retry(earlier.get());
            }
        }
        String contentType = contentTypes.requireAllowed(request.contentType());
        long size = request.size();
        if (size > properties.maxFileSize().toBytes()) {
            throw new ApiException(StorageErrorCode.FILE_TOO_LARGE,
                    "Files may be at most " + properties.maxFileSize().toBytes() + " bytes.");
        }
        UUID id = Ids.newId();
        String key = StoredFile.objectKeyOf(owner, id);
        boolean multipart = size >= properties.multipartThreshold().toBytes();
        // S3 must answer before anything is promised: while it is down this fails fast and nothing is written
        String uploadId = null;
        if (multipart) {
            uploadId = store.startMultipartUpload(key, contentType);
        } else {
            store.checkAvailable();
        }
        StoredFile file = new StoredFile(id, owner, FileNames.sanitise(request.name()), size, contentType,
                request.sha256() == null ? null : request.sha256().toLowerCase(Locale.ROOT), request.isEncrypted(),
                StoredFile.Status.pending, key, uploadId, multipart ? partSize(size) : null, clock.instant(), null);
        try {
            reserveAndRecord(file, idempotencyKey);
        } catch (DuplicateKeyException e) {
            abortQuietly(file);
            if (idempotencyKey == null) {
                throw e;
            }
            // the same announcement raced itself: the other one won, answer with its upload
            return retry(files.findByIdempotencyKey(owner, idempotencyKey).orElseThrow());
        } catch (RuntimeException e) {
            abortQuietly(file);
            throw e;
        }
        audit.success("file.upload_url", file.resource());
        return ticket(file);
    }

    /** Reserves the quota and writes the row together: both happen, or (over quota) neither. */
    private void reserveAndRecord(StoredFile file, String idempotencyKey) {
        transaction.executeWithoutResult(status -> {
            if (!quota.reserve(file.ownerId(), file.size())) {
                throw quotaExceeded(file);
            }
            files.insert(file, idempotencyKey);
        });
    }

    /** The same upload announced again with the same idempotency key: fresh URLs for it, no second reservation. */
    private UploadTicket retry(StoredFile file) {
        if (file.isReady()) {
            throw new ApiException(CommonErrorCode.CONFLICT, "This upload was already completed as file " + file.id() + ".");
        }
        return ticket(file);
    }

    StoredFile complete(UUID caller, UUID id) {
        StoredFile file = files.find(id).filter(f -> f.ownedBy(caller)).orElseThrow(() -> {
            audit.denied("file.upload_complete", "file:" + id, "not_owner_or_missing");
            return new ApiException(CommonErrorCode.NOT_FOUND, "No such upload.");
        });
        if (file.isReady()) {
            return file; // completing twice is harmless
        }
        verifyStoredBytes(file);
        Instant now = clock.instant();
        Completion outcome = transaction.execute(status -> {
            if (!files.markReady(file.id(), now)) {
                return Completion.ALREADY_DONE;
            }
            if (!quota.charge(file.ownerId(), file.size())) {
                status.setRollbackOnly();
                return Completion.OVER_QUOTA; // only when an administrator lowered the limit after the reservation
            }
            return Completion.DONE;
        });
        if (outcome == Completion.OVER_QUOTA) {
            discard(file, "quota_exceeded");
            throw quotaExceeded(file);
        }
        if (outcome == Completion.DONE) {
            audit.success("file.upload_complete", file.resource());
            metrics.uploads.increment();
        }
        return files.find(id).orElseThrow(() -> new ApiException(CommonErrorCode.NOT_FOUND, "No such upload."));
    }

    /** What S3 holds must be exactly what was announced; otherwise it is discarded and the client told why. */
    private void verifyStoredBytes(StoredFile file) {
        if (file.isMultipart() && !store.completeMultipartUpload(file.objectKey(), file.multipartUploadId(), file.partCount())
                && store.stat(file.objectKey()).isEmpty()) {
            throw new ApiException(StorageErrorCode.UPLOAD_INCOMPLETE, "Not every part has been uploaded yet.");
        }
        long actual = store.stat(file.objectKey()).map(o -> o.size()).orElseThrow(() ->
                new ApiException(StorageErrorCode.UPLOAD_INCOMPLETE, "Nothing has been uploaded for this file yet."));
        if (actual != file.size()) {
            discard(file, "size_mismatch");
            throw new ApiException(StorageErrorCode.SIZE_MISMATCH, "The upload has " + actual
                    + " bytes but " + file.size() + " were declared; it was discarded.");
        }
        if (file.sha256() != null && !file.sha256().equals(store.sha256(file.objectKey()))) {
            discard(file, "checksum_mismatch");
            throw new ApiException(StorageErrorCode.CHECKSUM_MISMATCH,
                    "The uploaded bytes do not match the declared SHA-256; the upload was discarded.");
        }
    }

    private enum Completion { DONE, ALREADY_DONE, OVER_QUOTA }

    private ApiException quotaExceeded(StoredFile file) {
        metrics.quotaExceeded.increment();
        audit.denied("file.quota_exceeded", file.resource(), "quota_exceeded");
        return new ApiException(StorageErrorCode.QUOTA_EXCEEDED, "This file does not fit in your storage quota.");
    }

    /** Removes a refused upload: object, row and reservation. */
    private void discard(StoredFile file, String reason) {
        deletion.remove(file);
        audit.failure("file.upload_complete", file.resource(), reason);
    }

    private void abortQuietly(StoredFile file) {
        if (!file.isMultipart()) {
            return;
        }
        try {
            store.abortMultipartUpload(file.objectKey(), file.multipartUploadId());
        } catch (RuntimeException e) {
            // the cleanup job aborts multipart uploads that have no row
        }
    }

    private long partSize(long size) {
        long configured = properties.partSize().toBytes();
        return Math.max(configured, (size + 9_999) / 10_000); // S3 allows at most 10,000 parts
    }

    private UploadTicket ticket(StoredFile file) {
        if (!file.isMultipart()) {
            PresignedUrl put = store.presignUpload(file.objectKey(), file.size(), file.contentType(),
                    properties.uploadUrlTtl());
            return new UploadTicket(file.id(), put.url(), put.headers(), put.expiresAt(), null);
        }
        List<UploadTicket.PartUrl> parts = new ArrayList<>();
        Instant expiresAt = null;
        for (int n = 1; n <= file.partCount(); n++) {
            long size = Math.min(file.partSize(), file.size() - (n - 1) * file.partSize());
            PresignedUrl put = store.presignPart(file.objectKey(), file.multipartUploadId(), n, size,
                    properties.uploadUrlTtl());
            parts.add(new UploadTicket.PartUrl(n, size, put.url()));
            expiresAt = put.expiresAt();
        }
        return new UploadTicket(file.id(), null, null, expiresAt,
                new UploadTicket.Multipart(file.partSize(), parts));
    }
}
