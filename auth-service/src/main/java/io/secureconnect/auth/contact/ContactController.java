package io.secureconnect.auth.contact;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import io.secureconnect.auth.block.BlockRepository;
import io.secureconnect.auth.user.UserRepository;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.id.Ids;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Contacts: send, answer, cancel friend requests; list and remove contacts. A request to someone who already asked
 * you is their request accepted. Requests between users with a block between them are refused.
 */
@RestController
@RequestMapping("/api/v1/users/me/contacts")
class ContactController {

    private final ContactRepository contacts;
    private final BlockRepository blocks;
    private final UserRepository users;
    private final AuditLogger audit;

    ContactController(ContactRepository contacts, BlockRepository blocks, UserRepository users, AuditLogger audit) {
        this.contacts = contacts;
        this.blocks = blocks;
        this.users = users;
        this.audit = audit;
    }

    record NewRequest(@NotNull UUID userId) {
    }

    /** A request as one side sees it: {@code userId} is the other person. */
    record RequestView(UUID id, UUID userId, String displayName, String direction, Instant createdAt) {
    }

    @PostMapping("/requests")
    @Transactional
    ResponseEntity<Map<String, Object>> send(@Valid @RequestBody NewRequest request, @AuthenticationPrincipal Jwt token) {
        UUID me = userOf(token);
        UUID other = request.userId();
        if (me.equals(other) || users.findById(other).isEmpty()) {
            throw new ApiException(CommonErrorCode.NOT_FOUND, "No such user.");
        }
        if (blocks.eitherBlocked(me, other)) {
            audit.denied("auth.contact_request", "user:" + other, "blocked");
            throw new ApiException(CommonErrorCode.FORBIDDEN, "You cannot send a request to this user.");
        }
        Instant now = Instant.now();
        if (contacts.findRequestBetween(other, me).isPresent()) {
            contacts.connect(me, other, now);
            audit.record(AuditEvent.of("auth.contact_accept", AuditResult.SUCCESS).user(me).resource("user:" + other));
            return ResponseEntity.ok(Map.of("userId", other, "status", "accepted"));
        }
        UUID id = Ids.newId();
        if (!contacts.insertRequest(id, me, other, now)) {
            id = contacts.findRequestBetween(me, other).orElseThrow().id();
        }
        audit.record(AuditEvent.of("auth.contact_request", AuditResult.SUCCESS).user(me).resource("user:" + other));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", id, "userId", other, "status", "pending"));
    }

    @GetMapping("/requests")
    Map<String, List<RequestView>> requests(@RequestParam(defaultValue = "incoming") Direction direction,
                                            @AuthenticationPrincipal Jwt token) {
        UUID me = userOf(token);
        List<RequestView> items = (direction == Direction.incoming ? contacts.incoming(me) : contacts.outgoing(me)).stream()
                .map(r -> new RequestView(r.id(), direction == Direction.incoming ? r.requesterId() : r.addresseeId(),
                        r.otherName(), direction.name(), r.createdAt()))
                .toList();
        return Map.of("items", items);
    }

    enum Direction { incoming, outgoing }

    @PostMapping("/requests/{id}/accept")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    void accept(@PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        ContactRepository.Request request = addressedTo(id, userOf(token));
        contacts.connect(request.addresseeId(), request.requesterId(), Instant.now());
        audit.record(AuditEvent.of("auth.contact_accept", AuditResult.SUCCESS).user(request.addresseeId())
                .resource("user:" + request.requesterId()));
    }

    @PostMapping("/requests/{id}/decline")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void decline(@PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        contacts.deleteRequest(addressedTo(id, userOf(token)).id());
    }

    @DeleteMapping("/requests/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void cancel(@PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        UUID me = userOf(token);
        contacts.findRequest(id).filter(r -> r.requesterId().equals(me))
                .orElseThrow(() -> new ApiException(CommonErrorCode.NOT_FOUND, "No such request."));
        contacts.deleteRequest(id);
    }

    @GetMapping
    Map<String, List<ContactRepository.Contact>> list(@AuthenticationPrincipal Jwt token) {
        return Map.of("items", contacts.contactsOf(userOf(token)));
    }

    @DeleteMapping("/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable UUID userId, @AuthenticationPrincipal Jwt token) {
        contacts.disconnect(userOf(token), userId);
    }

    /** Someone else's request answers as not found, not forbidden: it does not confirm the request exists. */
    private ContactRepository.Request addressedTo(UUID id, UUID me) {
        return contacts.findRequest(id).filter(r -> r.addresseeId().equals(me))
                .orElseThrow(() -> new ApiException(CommonErrorCode.NOT_FOUND, "No such request."));
    }

    private static UUID userOf(Jwt token) {
        return UUID.fromString(token.getSubject());
    }
}
