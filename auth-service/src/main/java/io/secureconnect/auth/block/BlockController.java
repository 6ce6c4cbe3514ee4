package io.secureconnect.auth.block;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import io.secureconnect.common.apidocs.ApiErrors;
import io.secureconnect.common.peer.auth.AuthBlocksApi;
import io.secureconnect.common.peer.auth.BlockAnswer;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.text.Storable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

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
@Tag(name = "Blocks", description = "A user's own block list: someone blocked can send no contact request, direct"
        + " message or call either way.")
class BlockController {

    private final Blocks blocks;

    BlockController(Blocks blocks) {
        this.blocks = blocks;
    }

    @Schema(name = "BlockRequest")
    record BlockRequest(@Schema(description = "Your own note, at most 500 characters", example = "Unwanted messages",
                                nullable = true)
                        @Size(max = 500) @Storable String reason) {
    }

    @Schema(name = "BlockList")
    record BlockList(List<Block> items) {
    }

    @Operation(operationId = "listBlocks", summary = "The users you blocked")
    @ApiErrors({})
    @GetMapping("/api/v1/users/me/blocks")
    BlockList myBlocks(Caller caller) {
        return new BlockList(blocks.blockedBy(caller.userId()));
    }

    @Operation(operationId = "blockUser", summary = "Block a user",
            description = "Ends the contact and any contact request between you. The body is optional; blocking"
                    + " again keeps the first reason. Yourself or an unknown user answers as not found.")
    @ApiErrors("NOT_FOUND")
    @PutMapping("/api/v1/users/me/blocks/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void block(@Parameter(description = "The user to block") @PathVariable UUID userId,
               @Valid @RequestBody(required = false) BlockRequest request, Caller caller) {
        blocks.block(caller.userId(), userId, request == null ? null : request.reason());
    }

    @Operation(operationId = "unblockUser", summary = "Unblock a user",
            description = "Unblocking someone who is not blocked changes nothing.")
    @ApiErrors({})
    @DeleteMapping("/api/v1/users/me/blocks/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unblock(@Parameter(description = "The user to unblock") @PathVariable UUID userId, Caller caller) {
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
