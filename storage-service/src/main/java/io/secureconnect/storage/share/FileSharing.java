package io.secureconnect.storage.share;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.peer.storage.FileAccess;
import io.secureconnect.common.peer.storage.FileShare;
import io.secureconnect.common.peer.storage.ShareRequest;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;
import io.secureconnect.storage.file.FileRepository;
import io.secureconnect.storage.file.StoredFile;

import org.springframework.stereotype.Service;

/**
 * Sharing a file into a conversation, withdrawing that, and telling who may read a file: the rules behind the
 * internal API chat-service calls ({@link FileSharingController}). Whoever is refused gets the same 404 as for a
 * file that does not exist.
 */
@Service
class FileSharing {

    private final FileRepository files;
    private final ShareRepository shares;
    private final SharedAccess sharedAccess;
    private final AuditLogger audit;

    FileSharing(FileRepository files, ShareRepository shares, SharedAccess sharedAccess, AuditLogger audit) {
        this.files = files;
        this.shares = shares;
        this.sharedAccess = sharedAccess;
        this.audit = audit;
    }

    /** Only the owner of a ready file, acting as {@code sharedBy}, may share it. */
    FileShare share(UUID caller, UUID fileId, ShareRequest request) {
        StoredFile file = files.find(fileId)
                .filter(f -> f.ownedBy(caller) && caller.equals(request.sharedBy()) && f.isReady())
                .orElseThrow(() -> {
                    audit.denied("file.share", "file:" + fileId, "not_owner_or_not_ready");
                    return new ApiException(CommonErrorCode.NOT_FOUND, "No such file.");
                });
        ShareRepository.Share share = shares.grant(file.id(), request.conversationId(), caller, Instant.now());
        audit.record(AuditEvent.of("file.share", AuditResult.SUCCESS).resource(file.resource())
                .reason("conversation:" + request.conversationId()));
        return new FileShare(share.fileId(), share.conversationId(), share.sharedBy(), share.sharedAt());
    }

    /** The owner withdraws a grant (say, the message was deleted). */
    void unshare(UUID caller, UUID fileId, UUID conversationId) {
        boolean revoked = files.find(fileId).filter(f -> f.ownedBy(caller))
                .map(f -> shares.revoke(f.id(), conversationId)).orElse(false);
        if (!revoked) {
            audit.denied("file.unshare", "file:" + fileId, "not_owner_or_not_shared");
            throw new ApiException(CommonErrorCode.NOT_FOUND, "No such share.");
        }
        audit.record(AuditEvent.of("file.unshare", AuditResult.SUCCESS).resource("file:" + fileId)
                .reason("conversation:" + conversationId));
    }

    /** How {@code user} may read the ready file: as its owner or through a conversation; 404 when not at all. */
    FileAccess access(UUID fileId, UUID user, String bearerToken) {
        StoredFile file = files.find(fileId).filter(StoredFile::isReady)
                .orElseThrow(() -> new ApiException(CommonErrorCode.NOT_FOUND, "No such file."));
        if (file.ownedBy(user)) {
            return new FileAccess(fileId, user, "owner", null);
        }
        Optional<UUID> conversation = sharedAccess.conversationGranting(fileId, user, bearerToken);
        return conversation.map(c -> new FileAccess(fileId, user, "conversation", c))
                .orElseThrow(() -> new ApiException(CommonErrorCode.NOT_FOUND, "No access to this file."));
    }
}
