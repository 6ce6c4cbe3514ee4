package io.secureconnect.chat.message;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A message as every member sees it (REST body, and the {@code message} of WebSocket frames). A deleted message is
 * a tombstone: {@code deleted} true, no body, no attachments, no reactions.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Message(
        @Schema(example = "0193a5c3-0a1b-7c2d-9e3f-4a5b6c7d8e90") UUID id,
        @Schema(example = "0193a5c2-6b1e-7d4a-8f3c-2e9b7a1d4c50") UUID conversationId,
        @Schema(example = "129", description = "The message's place in the conversation, from 1 (with gaps where "
                + "messages disappeared)") long seq,
        @Schema(example = "0193a5b8-1c2d-7e3f-9a4b-5c6d7e8f9a01") UUID senderId,
        @Schema(example = "web-7f3a9c2e-0001", description = "The sender's idempotency key; absent on messages "
                + "the server wrote") String clientId,
        @Schema(example = "text") MessageType type,
        @Schema(example = "Shall we move the review to Thursday?", description = "Text; base64 ciphertext for "
                + "`e2ee` and `mls_commit`; JSON for `system`; absent when deleted") String body,
        @Schema(example = "0193a5c3-09f0-7b1c-8d2e-3f4a5b6c7d8e") UUID replyTo,
        @Schema(example = "[\"0193a5c1-4f2e-7a3b-8c4d-5e6f7a8b9c0d\"]", description = "Ids of shared files")
        List<UUID> attachments,
        List<Reaction> reactions,
        @Schema(example = "2026-12-07T18:42:10Z") Instant createdAt,
        @Schema(example = "2026-12-07T18:45:02Z", description = "When the body was last edited") Instant editedAt,
        @Schema(example = "false", description = "A tombstone: no body, no attachments, no reactions")
        boolean deleted) {

    /** One emoji on a message and who put it there. */
    public record Reaction(@Schema(example = "👍") String emoji,
                           @Schema(example = "[\"0193a5b8-2d3e-7f40-8b5c-6d7e8f9a0b12\"]") List<UUID> userIds) {
    }

    Message withReactions(List<Reaction> reactions) {
        return new Message(id, conversationId, seq, senderId, clientId, type, body, replyTo, attachments, reactions,
                createdAt, editedAt, deleted);
    }
}
