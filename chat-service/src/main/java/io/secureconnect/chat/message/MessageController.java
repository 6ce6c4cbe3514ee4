package io.secureconnect.chat.message;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import io.secureconnect.common.security.Caller;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Messages of a conversation over REST; the same operations exist as WebSocket frames. */
@RestController
@Validated
@RequestMapping("/api/v1/conversations/{conversationId}")
class MessageController {

    private final SendingMessage sending;
    private final Messaging messaging;
    private final Receipts receipts;

    MessageController(SendingMessage sending, Messaging messaging, Receipts receipts) {
        this.sending = sending;
        this.messaging = messaging;
        this.receipts = receipts;
    }

    record SendRequest(String clientId, String type, String body, UUID replyTo,
                       @Size(max = 10) List<@NotNull UUID> attachments) {
    }

    record EditRequest(String body) {
    }

    record ReactionRequest(String emoji) {
    }

    record ReadRequest(@NotNull @PositiveOrZero Long seq, @PositiveOrZero Long deliveredSeq) {
    }

    /** 201 with the stored message; 200 with the first one when the client id was already used (a retry). */
    @PostMapping("/messages")
    ResponseEntity<Message> send(@PathVariable UUID conversationId, @Valid @RequestBody SendRequest request,
                                 Caller caller) {
        var sent = sending.send(caller, new SendMessage(conversationId, request.clientId(), request.type(),
                request.body(), request.replyTo(), request.attachments()), "rest");
        return ResponseEntity.status(sent.created() ? HttpStatus.CREATED : HttpStatus.OK).body(sent.message());
    }

    @GetMapping("/messages")
    Messaging.History history(@PathVariable UUID conversationId,
                              @RequestParam(required = false) @PositiveOrZero Long after,
                              @RequestParam(required = false) @PositiveOrZero Long before,
                              @RequestParam(required = false) @PositiveOrZero Long cursor,
                              @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
                              Caller caller) {
        return messaging.history(caller, conversationId, after, before != null ? before : cursor, limit);
    }

    @PatchMapping("/messages/{messageId}")
    Message edit(@PathVariable UUID conversationId, @PathVariable UUID messageId, @RequestBody EditRequest request,
                 Caller caller) {
        return messaging.edit(caller, conversationId, messageId, request.body());
    }

    @DeleteMapping("/messages/{messageId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID conversationId, @PathVariable UUID messageId, Caller caller) {
        messaging.delete(caller, conversationId, messageId);
    }

    @GetMapping("/messages/{messageId}/edits")
    Map<String, List<EarlierVersion>> edits(@PathVariable UUID conversationId, @PathVariable UUID messageId,
                                                    Caller caller) {
        return Map.of("items", messaging.edits(caller, conversationId, messageId));
    }

    @PostMapping("/messages/{messageId}/reactions")
    Message react(@PathVariable UUID conversationId, @PathVariable UUID messageId, @RequestBody ReactionRequest request,
                  Caller caller) {
        return messaging.react(caller, conversationId, messageId, request.emoji(), true);
    }

    @DeleteMapping("/messages/{messageId}/reactions/{emoji}")
    Message unreact(@PathVariable UUID conversationId, @PathVariable UUID messageId, @PathVariable String emoji,
                    Caller caller) {
        return messaging.react(caller, conversationId, messageId, emoji, false);
    }

    @PostMapping("/read")
    Receipts.Watermarks read(@PathVariable UUID conversationId, @Valid @RequestBody ReadRequest request,
                             Caller caller) {
        long delivered = request.deliveredSeq() == null ? request.seq() : request.deliveredSeq();
        return receipts.mark(caller, conversationId, request.seq(), delivered);
    }
}
