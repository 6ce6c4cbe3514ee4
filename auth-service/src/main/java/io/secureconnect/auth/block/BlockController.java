package io.secureconnect.auth.block;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import io.secureconnect.auth.contact.ContactRepository;
import io.secureconnect.auth.user.UserRepository;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.text.Storable;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
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

    private final BlockRepository blocks;
    private final UserRepository users;
    private final AuditLogger audit;
    private final ContactRepository contacts;

    BlockController(BlockRepository blocks, UserRepository users, AuditLogger audit, ContactRepository contacts) {
        this.contacts = contacts;
        this.blocks = blocks;
        this.users = users;
        this.audit = audit;
    }

    record BlockRequest(@Size(max = 500) @Storable String reason) {
    }

    @GetMapping("/api/v1/users/me/blocks")
    Map<String, List<BlockRepository.Block>> myBlocks(@AuthenticationPrincipal Jwt token) {
        return Map.of("items", blocks.blockedBy(userOf(token)));
    }

    @PutMapping("/api/v1/users/me/blocks/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    void block(@PathVariable UUID userId, @Valid @RequestBody(required = false) BlockRequest request,
               @AuthenticationPrincipal Jwt token) {
        UUID me = userOf(token);
        if (me.equals(userId) || users.findById(userId).isEmpty()) {
            throw new ApiException(CommonErrorCode.NOT_FOUND, "No such user to block.");
        }
        blocks.block(me, userId, request == null ? null : request.reason());
        contacts.disconnect(me, userId); // a block ends the contact and any pending request
        audit.record(AuditEvent.of("auth.block", AuditResult.SUCCESS).user(me).resource("user:" + userId));
    }

    @DeleteMapping("/api/v1/users/me/blocks/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unblock(@PathVariable UUID userId, @AuthenticationPrincipal Jwt token) {
        blocks.unblock(userOf(token), userId);
        audit.record(AuditEvent.of("auth.unblock", AuditResult.SUCCESS).user(userOf(token)).resource("user:" + userId));
    }

    /** For chat and video: may the caller and {@code with} talk? The caller can only ask about itself. */
    @GetMapping("/internal/v1/blocks/check")
    Map<String, Boolean> check(@RequestParam UUID with, @AuthenticationPrincipal Jwt token) {
        return Map.of("blocked", blocks.eitherBlocked(userOf(token), with));
    }

    private static UUID userOf(Jwt token) {
        return UUID.fromString(token.getSubject());
    }
}
