package io.secureconnect.video.call;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A call in a conversation ({@code conversationId}: its members are rung and may join) or ad hoc
 * ({@code inviteeIds}: only they and the caller may join). Exactly one of the two.
 */
@Schema(description = "Exactly one of `conversationId` and `inviteeIds`.")
record CreateCallRequest(
        @Schema(description = "The conversation whose members are rung; omit for an ad hoc call",
                example = "0190f3a1-2b3c-7d4e-8f5a-6b7c8d9e0f1a", nullable = true)
        UUID conversationId,
        @ArraySchema(arraySchema = @Schema(description = "Who an ad hoc call rings (your contacts among them);"
                + " omit for a conversation call"),
                schema = @Schema(example = "0190f3a0-5d6e-7f8a-9b0c-1d2e3f4a5b6c"))
        @Size(max = 64) List<@NotNull UUID> inviteeIds,
        @Schema(allowableValues = {"audio", "video"}, example = "video")
        @NotNull @Pattern(regexp = "audio|video", message = "must be audio or video") String media) {
}
