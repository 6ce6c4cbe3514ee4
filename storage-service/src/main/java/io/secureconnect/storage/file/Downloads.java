package io.secureconnect.storage.file;

import java.util.Optional;
import java.util.UUID;

import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;
import io.secureconnect.storage.StorageErrorCode;
import io.secureconnect.storage.StorageMetrics;
import io.secureconnect.storage.StorageProperties;
import io.secureconnect.storage.s3.ObjectStore;
import io.secureconnect.storage.s3.PresignedUrl;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Download URLs: for the owner, and for members of a conversation the ready file was shared into. Anyone else gets
 * the same 404 as for a file that does not exist, and the attempt is audited.
 */
@Service
class Downloads {

    private static final Logger log = LoggerFactory.getLogger(Downloads.class);

    private final FileRepository files;
    private final ConversationGrants grants;
    private final ObjectStore store;
    private final StorageProperties properties;
    private final AuditLogger audit;
    private final StorageMetrics metrics;

    Downloads(FileRepository files, ConversationGrants grants, ObjectStore store, StorageProperties properties,
              AuditLogger audit, StorageMetrics metrics) {
        this.files = files;
        this.grants = grants;
        this.store = store;
        this.properties = properties;
        this.audit = audit;
        this.metrics = metrics;
    }

    PresignedUrl download(UUID caller, UUID id, String bearerToken) {
        StoredFile file = files.find(id).orElseThrow(() -> denied(id, "missing"));
        String grantedBy = "owner";
        if (!file.ownedBy(caller)) {
            if (!file.isReady()) {
                throw denied(id, "not_owner");
            }
            Optional<UUID> conversation = grants.conversationGranting(id, caller, bearerToken);
            grantedBy = conversation.map(c -> "conversation:" + c).orElseThrow(() -> denied(id, "not_owner_or_member"));
        }
        if (!file.isReady()) {
            throw new ApiException(StorageErrorCode.FILE_NOT_READY, "This upload has not been completed yet.");
        }
        if (store.stat(file.objectKey()).isEmpty()) {
            log.error("Ready file {} has no object at {}", file.id(), file.objectKey());
            throw new ApiException(CommonErrorCode.NOT_FOUND, "No such file.");
        }
        PresignedUrl url = store.presignDownload(file.objectKey(), ContentDispositions.attachment(file.name()),
                file.contentType(), properties.downloadUrlTtl());
        audit.record(AuditEvent.of("file.download", AuditResult.SUCCESS).resource(file.resource()).reason(grantedBy));
        metrics.downloads.increment();
        return url;
    }

    private ApiException denied(UUID id, String reason) {
        audit.denied("file.download", "file:" + id, reason);
        return new ApiException(CommonErrorCode.NOT_FOUND, "No such file.");
    }
}
