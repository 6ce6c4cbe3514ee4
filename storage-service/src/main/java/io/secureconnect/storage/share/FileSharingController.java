package io.secureconnect.storage.share;

import java.util.UUID;

import jakarta.validation.Valid;

import io.secureconnect.common.peer.storage.FileAccess;
import io.secureconnect.common.peer.storage.FileShare;
import io.secureconnect.common.peer.storage.FileSharesApi;
import io.secureconnect.common.peer.storage.ShareRequest;
import io.swagger.v3.oas.annotations.Hidden;

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
 * Not part of the public API description (/internal is excluded from it; {@link Hidden} keeps it so should that
 * setting change): the gateway does not route it.
 */
@RestController
@Hidden
class FileSharingController {

    private final FileSharing sharing;

    FileSharingController(FileSharing sharing) {
        this.sharing = sharing;
    }

    @PostMapping(FileSharesApi.SHARES)
    @ResponseStatus(HttpStatus.CREATED)
    FileShare share(@PathVariable UUID id, @Valid @RequestBody ShareRequest request, @AuthenticationPrincipal Jwt token) {
        return sharing.share(userOf(token), id, request);
    }

    @DeleteMapping(FileSharesApi.SHARE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unshare(@PathVariable UUID id, @PathVariable UUID conversationId, @AuthenticationPrincipal Jwt token) {
        sharing.unshare(userOf(token), id, conversationId);
    }

    /**
     * May {@code userId} (default: the caller) download the file? 200 with how, 404 when not (or no such ready
     * file), 503 when chat-service cannot confirm a membership. Membership questions carry the caller's token.
     */
    @GetMapping(FileSharesApi.ACCESS)
    FileAccess access(@PathVariable UUID id, @RequestParam(required = false) UUID userId,
                      @AuthenticationPrincipal Jwt token) {
        return sharing.access(id, userId != null ? userId : userOf(token), token.getTokenValue());
    }

    private static UUID userOf(Jwt token) {
        return UUID.fromString(token.getSubject());
    }
}
