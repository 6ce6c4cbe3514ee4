package io.secureconnect.common.peer.storage;

import java.util.UUID;

import io.secureconnect.common.peer.CallerToken;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * storage-service's file sharing (docs/storage-internal-api.md), used by chat-service with the user's own token:
 * a message attaches a file to a conversation, the owner withdraws that, and whether a user may read a file.
 * Anything the caller may not do is a 404.
 */
public interface FileSharesApi {

    String SHARES = "/internal/v1/files/{id}/shares";
    String SHARE = "/internal/v1/files/{id}/shares/{conversationId}";
    String ACCESS = "/internal/v1/files/{id}/access";

    /** Only the owner of a ready file, acting as {@code sharedBy}, may share it; 201 with the grant. */
    @PostExchange(SHARES)
    FileShare share(CallerToken caller, @PathVariable("id") UUID fileId, @RequestBody ShareRequest request);

    @DeleteExchange(SHARE)
    void unshare(CallerToken caller, @PathVariable("id") UUID fileId,
                 @PathVariable("conversationId") UUID conversationId);

    /** May {@code userId} (default: the caller) read the file, and how; 404 when not. */
    @GetExchange(ACCESS)
    FileAccess access(CallerToken caller, @PathVariable("id") UUID fileId,
                      @RequestParam(name = "userId", required = false) UUID userId);
}
