package io.secureconnect.auth.contact;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.secureconnect.common.apidocs.ApiErrors;
import io.secureconnect.common.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

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
@Tag(name = "Contacts", description = "Friend requests (sent, answered, cancelled) and the contacts they make.")
class ContactController {

    private final Contacts contacts;

    ContactController(Contacts contacts) {
        this.contacts = contacts;
    }

    @Schema(name = "NewContactRequest")
    record NewRequest(@Schema(description = "The person to ask", example = "0b9d6f3a-2c4e-4f8a-9e1d-7a5c3b2e1f90")
                      @NotNull UUID userId) {
    }

    /** What became of a sent request: {@code id} only while it is pending. */
    @Schema(name = "ContactRequestOutcome")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Outcome(@Schema(description = "The pending request; absent once accepted", nullable = true,
                           example = "6e2a9c14-8b3f-4d7e-a1c5-0f9b2d4e6a83") UUID id,
                   @Schema(description = "The person asked", example = "0b9d6f3a-2c4e-4f8a-9e1d-7a5c3b2e1f90")
                   UUID userId,
                   @Schema(allowableValues = {"pending", "accepted"}, example = "pending") String status) {
    }

    /** A request as one side sees it: {@code userId} is the other person. */
    @Schema(name = "ContactRequestView")
    record RequestView(@Schema(example = "6e2a9c14-8b3f-4d7e-a1c5-0f9b2d4e6a83") UUID id,
                       @Schema(description = "The other person", example = "0b9d6f3a-2c4e-4f8a-9e1d-7a5c3b2e1f90")
                       UUID userId,
                       @Schema(description = "The other person's display name", example = "Ben Okafor")
                       String displayName,
                       @Schema(allowableValues = {"incoming", "outgoing"}, example = "incoming") String direction,
                       @Schema(example = "2026-12-06T17:22:41Z") Instant createdAt) {
    }

    @Schema(name = "ContactRequestList")
    record RequestList(List<RequestView> items) {
    }

    @Schema(name = "ContactList")
    record ContactList(List<Contact> items) {
    }

    enum Direction { incoming, outgoing }

    /** 201 with the pending request, or 200 when the other person had asked first and the two are now contacts. */
    @Operation(operationId = "sendContactRequest", summary = "Ask someone to be your contact",
            description = "201 with the pending request (asking again while it is pending answers the same request),"
                    + " or 200 when the other person had already asked you: their request is accepted and you are"
                    + " contacts. A block either way refuses; yourself or an unknown user answers as not found.")
    @ApiResponse(responseCode = "201", description = "The request is pending", content = @Content(
            schema = @Schema(implementation = Outcome.class), examples = @ExampleObject(name = "pending",
            summary = "A pending request", value = "{\"id\":\"6e2a9c14-8b3f-4d7e-a1c5-0f9b2d4e6a83\","
                    + "\"userId\":\"0b9d6f3a-2c4e-4f8a-9e1d-7a5c3b2e1f90\",\"status\":\"pending\"}")))
    @ApiResponse(responseCode = "200", description = "The other person had asked first: you are now contacts",
            content = @Content(schema = @Schema(implementation = Outcome.class), examples = @ExampleObject(
                    name = "accepted", summary = "Accepted: now contacts",
                    value = "{\"userId\":\"0b9d6f3a-2c4e-4f8a-9e1d-7a5c3b2e1f90\",\"status\":\"accepted\"}")))
    @ApiErrors({"NOT_FOUND", "FORBIDDEN"})
    @PostMapping("/requests")
    ResponseEntity<Outcome> send(@Valid @RequestBody NewRequest request, Caller caller) {
        return switch (contacts.request(new RequestContact(caller.userId(), request.userId()))) {
            case Contacts.Accepted accepted -> ResponseEntity.ok(new Outcome(null, accepted.userId(), "accepted"));
            case Contacts.Pending pending -> ResponseEntity.status(HttpStatus.CREATED)
                    .body(new Outcome(pending.id(), pending.userId(), "pending"));
        };
    }

    @Operation(operationId = "listContactRequests", summary = "Your pending contact requests",
            description = "Those sent to you (`incoming`, the default) or by you (`outgoing`).")
    @ApiErrors({})
    @GetMapping("/requests")
    RequestList requests(@Parameter(description = "Sent to you or by you")
                         @RequestParam(defaultValue = "incoming") Direction direction, Caller caller) {
        UUID me = caller.userId();
        List<RequestView> items = (direction == Direction.incoming ? contacts.incoming(me) : contacts.outgoing(me)).stream()
                .map(r -> new RequestView(r.id(), direction == Direction.incoming ? r.requesterId() : r.addresseeId(),
                        r.otherName(), direction.name(), r.createdAt()))
                .toList();
        return new RequestList(items);
    }

    @Operation(operationId = "acceptContactRequest", summary = "Accept a contact request sent to you",
            description = "A request not sent to you answers as not found.")
    @ApiErrors("NOT_FOUND")
    @PostMapping("/requests/{id}/accept")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void accept(@PathVariable UUID id, Caller caller) {
        contacts.accept(caller.userId(), id);
    }

    @Operation(operationId = "declineContactRequest", summary = "Decline a contact request sent to you",
            description = "A request not sent to you answers as not found.")
    @ApiErrors("NOT_FOUND")
    @PostMapping("/requests/{id}/decline")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void decline(@PathVariable UUID id, Caller caller) {
        contacts.decline(caller.userId(), id);
    }

    @Operation(operationId = "cancelContactRequest", summary = "Cancel a contact request you sent",
            description = "A request you did not send answers as not found.")
    @ApiErrors("NOT_FOUND")
    @DeleteMapping("/requests/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void cancel(@PathVariable UUID id, Caller caller) {
        contacts.cancel(caller.userId(), id);
    }

    @Operation(operationId = "listContacts", summary = "Your contacts")
    @ApiErrors({})
    @GetMapping
    ContactList list(Caller caller) {
        return new ContactList(contacts.of(caller.userId()));
    }

    @Operation(operationId = "removeContact", summary = "Remove a contact",
            description = "Both sides stop being contacts, and any request between you goes; removing someone"
                    + " who is not a contact changes nothing.")
    @ApiErrors({})
    @DeleteMapping("/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@Parameter(description = "The contact's user id") @PathVariable UUID userId, Caller caller) {
        contacts.remove(caller.userId(), userId);
    }
}
