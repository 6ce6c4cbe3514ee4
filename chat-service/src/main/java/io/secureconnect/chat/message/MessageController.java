package io.secureconnect.chat.message;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import io.secureconnect.common.apidocs.ApiErrors;
import io.secureconnect.common.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

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
@Tag(name = "Messages", description = "Sending, reading, editing, deleting and reacting to the messages of a "
        + "conversation, and read receipts. The same operations exist as frames on `/ws/chat` "
        + "(docs/chat-protocol.md), where members also hear of every change live. Members only: a conversation the "
        + "caller is not in answers 404 `CONVERSATION_NOT_FOUND`.")
class MessageController {

    private static final String MESSAGE_ID = "0193a5c3-0a1b-7c2d-9e3f-4a5b6c7d8e90";

    private final SendingMessage sending;
    private final Messaging messaging;
    private final Receipts receipts;

    MessageController(SendingMessage sending, Messaging messaging, Receipts receipts) {
        this.sending = sending;
        this.messaging = messaging;
        this.receipts = receipts;
    }

    @Schema(name = "SendMessageRequest")
    record SendRequest(
            @Schema(example = "web-7f3a9c2e-0001", requiredMode = Schema.RequiredMode.REQUIRED,
                    pattern = "[A-Za-z0-9._:-]{1,64}", description = "Your idempotency key: sending the same one again "
                    + "in this conversation returns the first message and writes nothing")
            String clientId,
            @Schema(example = "text", allowableValues = {"text", "attachment", "e2ee"}, defaultValue = "text",
                    description = "`e2ee` (and only `e2ee`) in an end-to-end encrypted conversation")
            String type,
            @Schema(example = "Shall we move the review to Thursday?", description = "The text, at most 4,000 "
                    + "characters by default; for `e2ee` a base64 MLS application message of the conversation's group; "
                    + "optional for `attachment`")
            String body,
            @Schema(example = MESSAGE_ID, description = "The message of this conversation this one replies to")
            UUID replyTo,
            @Schema(example = "[\"0193a5c1-4f2e-7a3b-8c4d-5e6f7a8b9c0d\"]", description = "Ids of files the sender "
                    + "uploaded to storage-service; they are shared with the conversation")
            @Size(max = 10) List<@NotNull UUID> attachments) {
    }

    @Schema(name = "EditMessageRequest")
    record EditRequest(@Schema(example = "Shall we move the review to Friday?",
                               requiredMode = Schema.RequiredMode.REQUIRED) String body) {
    }

    record ReactionRequest(@Schema(example = "👍", requiredMode = Schema.RequiredMode.REQUIRED,
                                   description = "1 to 32 characters") String emoji) {
    }

    @Schema(name = "ReadReceiptRequest")
    record ReadRequest(
            @Schema(example = "128", description = "Everything up to this `seq` is read (and so delivered)")
            @NotNull @PositiveOrZero Long seq,
            @Schema(example = "130",
                    description = "Everything up to this `seq` reached the caller; `seq` when left out")
            @PositiveOrZero Long deliveredSeq) {
    }

    /** Earlier versions of a message, oldest first. */
    @Schema(name = "MessageEditList")
    record EditList(List<EarlierVersion> items) {
    }

    /** 201 with the stored message; 200 with the first one when the client id was already used (a retry). */
    @Operation(operationId = "sendMessage", summary = "Send a message",
            description = "Idempotent by `clientId`: sending it again answers 200 with the first message. "
                    + "A direct conversation takes no message across a block (`USER_BLOCKED`; auth-service is asked, "
                    + "and without its answer the message is refused: `PEER_UNAVAILABLE`). Every attachment must be "
                    + "a completed upload of the sender (`ATTACHMENT_NOT_SHAREABLE`). In an end-to-end encrypted "
                    + "conversation the body must be an MLS application message of its group at an epoch it has "
                    + "reached (`INVALID_MLS_MESSAGE`), and nothing is sent while the group holds a stale leaf "
                    + "(`MLS_GROUP_STALE`, docs/e2ee.md).")
    @ApiResponse(responseCode = "201", description = "The stored message")
    @ApiResponse(responseCode = "200", description = "The message first sent with this `clientId` (a retry)")
    @ApiErrors({"CONVERSATION_NOT_FOUND", "EMAIL_NOT_VERIFIED", "INVALID_MLS_MESSAGE", "MLS_GROUP_STALE",
            "USER_BLOCKED", "ATTACHMENT_NOT_SHAREABLE", "PEER_UNAVAILABLE"})
    @PostMapping("/messages")
    ResponseEntity<Message> send(@PathVariable UUID conversationId, @Valid @RequestBody SendRequest request,
                                 Caller caller) {
        var sent = sending.send(caller, new SendMessage(conversationId, request.clientId(), request.type(),
                request.body(), request.replyTo(), request.attachments()), "rest");
        return ResponseEntity.status(sent.created() ? HttpStatus.CREATED : HttpStatus.OK).body(sent.message());
    }

    @Operation(operationId = "listMessages", summary = "Read a conversation's history",
            description = "A page of messages, oldest first: after `after`, or else before `before` (the newest "
                    + "when neither is given). Continue with `nextCursor` as `after` when you asked with `after`, "
                    + "otherwise as `before`.")
    @ApiErrors("CONVERSATION_NOT_FOUND")
    @GetMapping("/messages")
    Messaging.History history(@PathVariable UUID conversationId,
                              @Parameter(description = "Messages with a greater `seq`")
                              @RequestParam(required = false) @PositiveOrZero Long after,
                              @Parameter(description = "Messages with a smaller `seq`")
                              @RequestParam(required = false) @PositiveOrZero Long before,
                              @Parameter(description = "The same as `before`")
                              @RequestParam(required = false) @PositiveOrZero Long cursor,
                              @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
                              Caller caller) {
        return messaging.history(caller, conversationId, after, before != null ? before : cursor, limit);
    }

    @Operation(operationId = "editMessage", summary = "Edit a text message (its author)",
            description = "Only text messages are edited on the server: an `e2ee` message is edited inside the "
                    + "group (`E2EE_NOT_SUPPORTED`), and a deleted one not at all (`MESSAGE_DELETED`). The earlier "
                    + "version is kept for the author.")
    @ApiErrors({"CONVERSATION_NOT_FOUND", "EMAIL_NOT_VERIFIED", "MESSAGE_NOT_FOUND", "NOT_ALLOWED",
            "MESSAGE_DELETED", "E2EE_NOT_SUPPORTED"})
    @PatchMapping("/messages/{messageId}")
    Message edit(@PathVariable UUID conversationId, @PathVariable UUID messageId, @RequestBody EditRequest request,
                 Caller caller) {
        return messaging.edit(caller, conversationId, messageId, request.body());
    }

    @Operation(operationId = "deleteMessage", summary = "Delete a message for everyone",
            description = "By its author, or by a group's owner or admins. The message stays as a tombstone "
                    + "(`deleted: true`, no body, attachments or reactions); deleting it again is not an error. An "
                    + "MLS commit cannot be deleted (`E2EE_NOT_SUPPORTED`).")
    @ApiErrors({"CONVERSATION_NOT_FOUND", "MESSAGE_NOT_FOUND", "NOT_ALLOWED", "E2EE_NOT_SUPPORTED"})
    @DeleteMapping("/messages/{messageId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID conversationId, @PathVariable UUID messageId, Caller caller) {
        messaging.delete(caller, conversationId, messageId);
    }

    @Operation(operationId = "listMessageEdits", summary = "List the earlier versions of your message")
    @ApiErrors({"CONVERSATION_NOT_FOUND", "MESSAGE_NOT_FOUND", "NOT_ALLOWED"})
    @GetMapping("/messages/{messageId}/edits")
    EditList edits(@PathVariable UUID conversationId, @PathVariable UUID messageId, Caller caller) {
        return new EditList(messaging.edits(caller, conversationId, messageId));
    }

    @Operation(operationId = "addReaction", summary = "React to a message with an emoji",
            description = "Adding a reaction you already made changes nothing. A reaction to an `e2ee` message "
                    + "travels inside the group (`E2EE_NOT_SUPPORTED`).")
    @ApiErrors({"CONVERSATION_NOT_FOUND", "EMAIL_NOT_VERIFIED", "MESSAGE_NOT_FOUND", "MESSAGE_DELETED",
            "E2EE_NOT_SUPPORTED"})
    @PostMapping("/messages/{messageId}/reactions")
    Message react(@PathVariable UUID conversationId, @PathVariable UUID messageId, @RequestBody ReactionRequest request,
                  Caller caller) {
        return messaging.react(caller, conversationId, messageId, request.emoji(), true);
    }

    @Operation(operationId = "removeReaction", summary = "Take back your reaction to a message",
            description = "Removing a reaction you did not make changes nothing.")
    @ApiErrors({"CONVERSATION_NOT_FOUND", "MESSAGE_NOT_FOUND", "MESSAGE_DELETED", "E2EE_NOT_SUPPORTED"})
    @DeleteMapping("/messages/{messageId}/reactions/{emoji}")
    Message unreact(@PathVariable UUID conversationId, @PathVariable UUID messageId,
                    @Parameter(description = "The emoji (percent-encoded in the path)", example = "👍")
                    @PathVariable String emoji,
                    Caller caller) {
        return messaging.react(caller, conversationId, messageId, emoji, false);
    }

    @Operation(operationId = "markRead", summary = "Mark messages read and delivered",
            description = "Moves the caller's read and delivered watermarks forward (never back, never past the "
                    + "latest message); the members hear `receipt`.")
    @ApiErrors("CONVERSATION_NOT_FOUND")
    @PostMapping("/read")
    Receipts.Watermarks read(@PathVariable UUID conversationId, @Valid @RequestBody ReadRequest request,
                             Caller caller) {
        long delivered = request.deliveredSeq() == null ? request.seq() : request.deliveredSeq();
        return receipts.mark(caller, conversationId, request.seq(), delivered);
    }
}
