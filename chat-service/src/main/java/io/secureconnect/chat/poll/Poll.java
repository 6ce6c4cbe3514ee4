package io.secureconnect.chat.poll;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A poll as members see it. {@code voterIds} per option are shown unless the poll is anonymous; {@code myVotes}
 * are the caller's own choices.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Poll(@Schema(example = "0193a5c2-7e10-7a41-8c55-2f9d3b1e6a70") UUID id,
                   @Schema(example = "0193a5b8-1c2d-7e3f-a4b5-c6d7e8f90a1b") UUID conversationId,
                   @Schema(example = "0193a4f0-5b6c-7d8e-9fa0-b1c2d3e4f506") UUID createdBy,
                   @Schema(example = "Where shall we have lunch on Friday?") String question,
                   List<Option> options,
                   @Schema(example = "false") boolean multipleChoice,
                   @Schema(example = "true") boolean allowVoteChange,
                   @Schema(example = "false") boolean anonymous,
                   @Schema(example = "2026-12-11T11:00:00Z", description = "Absent when the poll does not expire")
                   Instant expiresAt,
                   @Schema(example = "false", description = "Closed by its creator or expired: takes no more votes")
                   boolean closed,
                   @Schema(example = "2026-12-07T20:15:00Z") Instant createdAt,
                   @Schema(example = "[\"0193a5c2-7f41-7c3e-9d2a-5b8e1f4c6a02\"]",
                           description = "The caller's chosen option ids (empty before voting)")
                   List<UUID> myVotes) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "PollOption")
    public record Option(@Schema(example = "0193a5c2-7f41-7c3e-9d2a-5b8e1f4c6a02") UUID id,
                         @Schema(example = "Thai") String text,
                         @Schema(example = "3") long votes,
                         @Schema(example = "[\"0193a4f0-5b6c-7d8e-9fa0-b1c2d3e4f506\"]",
                                 description = "Who chose it; absent when the poll is anonymous")
                         List<UUID> voterIds) {
    }

    /** The same poll as another member sees it (their own votes, nothing else changes). */
    Poll forViewer(List<UUID> viewerVotes) {
        return new Poll(id, conversationId, createdBy, question, options, multipleChoice, allowVoteChange, anonymous,
                expiresAt, closed, createdAt, viewerVotes);
    }
}
