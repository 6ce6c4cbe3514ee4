package io.secureconnect.chat.notification;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One inbox item as its owner sees it. {@code data} holds the ids the client needs to show it (message, poll,
 * call, user), never message text.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Notification(@Schema(example = "0193a5d1-2b3c-7d4e-8f5a-6b7c8d9e0f12") UUID id,
                           @Schema(example = "mention") NotificationKind kind,
                           @Schema(example = "false") boolean read,
                           @Schema(example = "2026-12-07T20:15:00Z") Instant createdAt,
                           @Schema(example = "0193a5b8-1c2d-7e3f-a4b5-c6d7e8f90a1b",
                                   description = "Absent when the notification is about no conversation")
                           UUID conversationId,
                           @Schema(example = "0193a4f0-5b6c-7d8e-9fa0-b1c2d3e4f506",
                                   description = "Who caused it; absent when nobody did")
                           UUID actorId,
                           @Schema(example = "{\"messageId\": \"0193a5d0-9a8b-7c6d-9e0f-1a2b3c4d5e6f\", \"seq\": 42}",
                                   description = "The ids the client needs to show it (`messageId`, `seq`, `callId`, "
                                           + "`pollId`, …), never message text")
                           Map<String, Object> data) {
}
