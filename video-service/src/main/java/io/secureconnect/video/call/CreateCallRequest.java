package io.secureconnect.video.call;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A call in a conversation ({@code conversationId}: its members are rung and may join) or ad hoc
 * ({@code inviteeIds}: only they and the caller may join). Exactly one of the two.
 */
record CreateCallRequest(UUID conversationId, @Size(max = 64) List<@NotNull UUID> inviteeIds,
                         @NotNull @Pattern(regexp = "audio|video", message = "must be audio or video") String media) {
}
