package io.secureconnect.chat.message;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/** An earlier version of an edited message, and when it was replaced. */
public record EarlierVersion(@Schema(example = "Shall we move the review to Thursday?") String body,
                             @Schema(example = "2026-12-07T18:45:02Z") Instant replacedAt) {
}
