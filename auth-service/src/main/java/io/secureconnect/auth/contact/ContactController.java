package io.secureconnect.auth.contact;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import io.secureconnect.common.security.Caller;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The routes of {@link Contacts}: send, answer and cancel friend requests; list and remove contacts. */
@RestController
@RequestMapping("/api/v1/users/me/contacts")
class ContactController {

    private final Contacts contacts;

    ContactController(Contacts contacts) {
        this.contacts = contacts;
    }

    record NewRequest(@NotNull UUID userId) {
    }

    /** A request as one side sees it: {@code userId} is the other person. */
    record RequestView(UUID id, UUID userId, String displayName, String direction, Instant createdAt) {
    }

    enum Direction { incoming, outgoing }

    /** 201 with the pending request, or 200 when the other person had asked first and the two are now contacts. */
    @PostMapping("/requests")
    ResponseEntity<Map<String, Object>> send(@Valid @RequestBody NewRequest request, Caller caller) {
        return switch (contacts.request(new RequestContact(caller.userId(), request.userId()))) {
            case Contacts.Accepted accepted -> ResponseEntity.ok(Map.of("userId", accepted.userId(), "status", "accepted"));
            case Contacts.Pending pending -> ResponseEntity.status(HttpStatus.CREATED)
                    .body(Map.of("id", pending.id(), "userId", pending.userId(), "status", "pending"));
        };
    }

    @GetMapping("/requests")
    Map<String, List<RequestView>> requests(@RequestParam(defaultValue = "incoming") Direction direction,
                                            Caller caller) {
        UUID me = caller.userId();
        List<RequestView> items = (direction == Direction.incoming ? contacts.incoming(me) : contacts.outgoing(me)).stream()
                .map(r -> new RequestView(r.id(), direction == Direction.incoming ? r.requesterId() : r.addresseeId(),
                        r.otherName(), direction.name(), r.createdAt()))
                .toList();
        return Map.of("items", items);
    }

    @PostMapping("/requests/{id}/accept")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void accept(@PathVariable UUID id, Caller caller) {
        contacts.accept(caller.userId(), id);
    }

    @PostMapping("/requests/{id}/decline")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void decline(@PathVariable UUID id, Caller caller) {
        contacts.decline(caller.userId(), id);
    }

    @DeleteMapping("/requests/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void cancel(@PathVariable UUID id, Caller caller) {
        contacts.cancel(caller.userId(), id);
    }

    @GetMapping
    Map<String, List<Contact>> list(Caller caller) {
        return Map.of("items", contacts.of(caller.userId()));
    }

    @DeleteMapping("/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable UUID userId, Caller caller) {
        contacts.remove(caller.userId(), userId);
    }
}
