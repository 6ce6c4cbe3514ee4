package io.secureconnect.storage.file;

import java.util.UUID;

import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;
import io.secureconnect.storage.quota.QuotaLedger;
import io.secureconnect.storage.s3.ObjectStore;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deleting a file (or cancelling an upload) by its owner. The object goes first: if S3 is down nothing changes and
 * the owner can retry; if the row removal then failed, the retry finds the object already gone, which is fine.
 */
@Service
public class FileDeletion {

    private final FileRepository files;
    private final QuotaLedger quota;
    private final ObjectStore store;
    private final TransactionTemplate transaction;
    private final AuditLogger audit;

    FileDeletion(FileRepository files, QuotaLedger quota, ObjectStore store, TransactionTemplate transaction,
                 AuditLogger audit) {
        this.files = files;
        this.quota = quota;
        this.store = store;
        this.transaction = transaction;
        this.audit = audit;
    }

    void deleteByOwner(UUID caller, UUID id) {
        StoredFile file = files.find(id).filter(f -> f.ownedBy(caller)).orElseThrow(() -> {
            audit.denied("file.delete", "file:" + id, "not_owner_or_missing");
            return new ApiException(CommonErrorCode.NOT_FOUND, "No such file.");
        });
        remove(file);
        audit.success("file.delete", file.resource());
    }

    /** Removes object, row and the quota it held; also used by the cleanup job for abandoned uploads. */
    public void remove(StoredFile file) {
        if (file.isMultipart() && !file.isReady()) {
            store.abortMultipartUpload(file.objectKey(), file.multipartUploadId());
        }
        store.delete(file.objectKey());
        transaction.executeWithoutResult(status -> files.delete(file.id()).ifPresent(removed -> {
            if (removed.isReady()) {
                quota.credit(removed.ownerId(), removed.size());
            } else {
                quota.release(removed.ownerId(), removed.size());
            }
        }));
    }
}
