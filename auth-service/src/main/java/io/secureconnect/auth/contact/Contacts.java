package io.secureconnect.auth.contact;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.secureconnect.auth.block.BlockRepository;
import io.secureconnect.auth.block.UserBlocked;
import io.secureconnect.auth.user.UserRepository;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.id.Ids;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Contacts: friend requests sent, answered and cancelled, and the contacts they make. A request passes every
 * {@link ContactRequestPolicy} first; a request to someone who already asked is their request accepted, and asking
 * again while a request is pending is that same request.
 */
@Service
class Contacts {

    private final ContactRepository contacts;
    private final AuditLogger audit;
    private final List<ContactRequestPolicy> policies;
    private final Clock clock;

    Contacts(ContactRepository contacts, UserRepository users, BlockRepository blocks, AuditLogger audit, Clock clock) {
        this.clock = clock;
        this.contacts = contacts;
        this.audit = audit;
        this.policies = List.of(
                ContactRequestPolicy.notToOneself(),
                ContactRequestPolicy.addresseeExists(users),
                ContactRequestPolicy.noBlockBetween(blocks, audit));
    }

    /** What became of a request: still waiting for the addressee, or contacts at once. */
    sealed interface Outcome {
    }

    record Pending(UUID id, UUID userId) implements Outcome {
    }

    record Accepted(UUID userId) implements Outcome {
    }

    @Transactional
    Outcome request(RequestContact request) {
        policies.forEach(policy -> policy.check(request));
        UUID me = request.requester();
        UUID other = request.addressee();
        Instant now = clock.instant();
        if (contacts.findRequestBetween(other, me).isPresent()) {
            contacts.connect(me, other, now);
            audit.record(AuditEvent.of("auth.contact_accept", AuditResult.SUCCESS).user(me).resource("user:" + other));
            return new Accepted(other);
        }
        UUID id = Ids.newId();
        if (!contacts.insertRequest(id, me, other, now)) {
            id = contacts.findRequestBetween(me, other).orElseThrow().id();
        }
        audit.record(AuditEvent.of("auth.contact_request", AuditResult.SUCCESS).user(me).resource("user:" + other));
        return new Pending(id, other);
    }

    @Transactional
    void accept(UUID me, UUID requestId) {
        ContactRequest request = addressedTo(requestId, me);
        contacts.connect(request.addresseeId(), request.requesterId(), clock.instant());
        audit.record(AuditEvent.of("auth.contact_accept", AuditResult.SUCCESS).user(request.addresseeId())
                .resource("user:" + request.requesterId()));
    }

    void decline(UUID me, UUID requestId) {
        contacts.deleteRequest(addressedTo(requestId, me).id());
    }

    /** Only the requester cancels; anyone else's request answers as not found. */
    void cancel(UUID me, UUID requestId) {
        contacts.findRequest(requestId).filter(r -> r.requesterId().equals(me))
                .orElseThrow(() -> new ApiException(CommonErrorCode.NOT_FOUND, "No such request."));
        contacts.deleteRequest(requestId);
    }

    List<ContactRequest> incoming(UUID me) {
        return contacts.incoming(me);
    }

    List<ContactRequest> outgoing(UUID me) {
        return contacts.outgoing(me);
    }

    List<Contact> of(UUID me) {
        return contacts.contactsOf(me);
    }

    void remove(UUID me, UUID other) {
        contacts.disconnect(me, other);
    }

    /** A block ends the contact and any pending request, in the block's own transaction. */
    @EventListener
    void on(UserBlocked blocked) {
        contacts.disconnect(blocked.blocker(), blocked.blocked());
    }

    /** Someone else's request answers as not found, not forbidden: it does not confirm the request exists. */
    private ContactRequest addressedTo(UUID id, UUID me) {
        return contacts.findRequest(id).filter(r -> r.addresseeId().equals(me))
                .orElseThrow(() -> new ApiException(CommonErrorCode.NOT_FOUND, "No such request."));
    }
}
