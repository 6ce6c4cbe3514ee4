package io.secureconnect.storage.share;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.Valid;

import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.peer.storage.FileAccess;
import io.secureconnect.common.peer.storage.FileShare;
import io.secureconnect.common.peer.storage.FileSharesApi;
import io.secureconnect.common.peer.storage.ShareRequest;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;
import io.secureconnect.storage.file.FileRepository;
import io.secureconnect.storage.file.StoredFile;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The internal API chat-service uses (docs/storage-internal-api.md): record that a message attached a file to a
 * conversation, withdraw that, and ask whether a user may read a file. Callers present the user's own token, so
 * chat-service needs no credentials of its own and can never act for someone else.
 */
@RestController
class FileSharingController {

    private final FileRepository files;
    private final ShareRepository shares;
    private final SharedAccess sharedAccess;
    private final AuditLogger audit;

    FileSharingController(FileRepository files, ShareRepository shares, SharedAccess sharedAccess, AuditLogger audit) {
        this.files = files;
        this.shares = shares;
        this.sharedAccess = sharedAccess;
        this.audit = audit;
    }

    /** Only the owner of a ready file, acting as {@code sharedBy} with their own token, may share it. */
    @PostMapping(FileSharesApi.SHARES)
    @ResponseStatus(HttpStatus.CREATED)
    FileShare share(@PathVariable UUID id, @Valid @RequestBody ShareRequest request, @AuthenticationPrincipal Jwt token) {
        UUID caller = userOf(token);
        StoredFile file = files.find(id)
                .filter(f -> f.ownedBy(caller) && caller.equals(request.sharedBy()) && f.isReady())
                .orElseThrow(() -> {
                    audit.denied("file.share", "file:" + id, "not_owner_or_not_ready");
                    return new ApiException(CommonErrorCode.NOT_FOUND, "No such file.");
                });
        ShareRepository.Share share = shares.grant(file.id(), request.conversationId(), caller, Instant.now());
        audit.record(AuditEvent.of("file.share", AuditResult.SUCCESS).resource(file.resource())
                .reason("conversation:" + request.conversationId()));
        return new FileShare(share.fileId(), share.conversationId(), share.sharedBy(), share.sharedAt());
    }

    /** The owner withdraws a grant (say, the message was deleted). */
    @DeleteMapping(FileSharesApi.SHARE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unshare(@PathVariable UUID id, @PathVariable UUID conversationId, @AuthenticationPrincipal Jwt token) {
        boolean revoked = files.find(id).filter(f -> f.ownedBy(userOf(token)))
                .map(f -> shares.revoke(f.id(), conversationId)).orElse(false);
        if (!revoked) {
            audit.denied("file.unshare", "file:" + id, "not_owner_or_not_shared");
            throw new ApiException(CommonErrorCode.NOT_FOUND, "No such share.");
        }
        audit.record(AuditEvent.of("file.unshare", AuditResult.SUCCESS).resource("file:" + id)
                .reason("conversation:" + conversationId));
    }

    /**
     * May {@code userId} (default: the caller) download the file? 200 with how, 404 when not (or no such ready
     * file), 503 when chat-service cannot confirm a membership. Membership questions carry the caller's token.
     */
    @GetMapping(FileSharesApi.ACCESS)
    FileAccess access(@PathVariable UUID id, @RequestParam(required = false) UUID userId,
                      @AuthenticationPrincipal Jwt token) {
        UUID user = userId != null ? userId : userOf(token);
        StoredFile file = files.find(id).filter(StoredFile::isReady)
                .orElseThrow(() -> new ApiException(CommonErrorCode.NOT_FOUND, "No such file."));
        if (file.ownedBy(user)) {
            return new FileAccess(id, user, "owner", null);
        }
        Optional<UUID> conversation = sharedAccess.conversationGranting(id, user, token.getTokenValue());
        return conversation.map(c -> new FileAccess(id, user, "conversation", c))
                .orElseThrow(() -> new ApiException(CommonErrorCode.NOT_FOUND, "No access to this file."));
    }

    private static UUID userOf(Jwt token) {
        return UUID.fromString(token.getSubject());
    }
}
