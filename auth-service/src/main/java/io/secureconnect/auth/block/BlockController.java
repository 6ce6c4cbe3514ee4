package io.secureconnect.auth.block;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import io.secureconnect.common.peer.auth.AuthBlocksApi;
import io.secureconnect.common.peer.auth.BlockAnswer;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.text.Storable;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Blocking: a user's own block list, and the question chat and video ask before a direct conversation, a
 * direct message or a call ("has either of these two blocked the other?"), authorised by the caller's own token.
 */
@RestController
class BlockController {

    private final Blocks blocks;

    BlockController(Blocks blocks) {
        this.blocks = blocks;
    }

    record BlockRequest(@Size(max = 500) @Storable String reason) {
    }

    @GetMapping("/api/v1/users/me/blocks")
    Map<String, List<Block>> myBlocks(Caller caller) {
        return Map.of("items", blocks.blockedBy(caller.userId()));
    }

    @PutMapping("/api/v1/users/me/blocks/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void block(@PathVariable UUID userId, @Valid @RequestBody(required = false) BlockRequest request, Caller caller) {
        blocks.block(caller.userId(), userId, request == null ? null : request.reason());
    }

    @DeleteMapping("/api/v1/users/me/blocks/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unblock(@PathVariable UUID userId, Caller caller) {
        blocks.unblock(caller.userId(), userId);
    }

    /** For chat and video: may the caller and {@code with} talk? The caller can only ask about itself. */
    @GetMapping(AuthBlocksApi.BLOCK_CHECK)
    BlockAnswer check(@RequestParam UUID with, @AuthenticationPrincipal Jwt token) {
        return new BlockAnswer(blocks.eitherBlocked(userOf(token), with));
    }

    private static UUID userOf(Jwt token) {
        return UUID.fromString(token.getSubject());
    }
}
