package io.secureconnect.chat.poll;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A poll as members see it. {@code voterIds} per option are shown unless the poll is anonymous; {@code myVotes}
 * are the caller's own choices.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Poll(UUID id, UUID conversationId, UUID createdBy, String question, List<Option> options,
                   boolean multipleChoice, boolean allowVoteChange, boolean anonymous, Instant expiresAt,
                   boolean closed, Instant createdAt, List<UUID> myVotes) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Option(UUID id, String text, long votes, List<UUID> voterIds) {
    }

    /** The same poll as another member sees it (their own votes, nothing else changes). */
    Poll forViewer(List<UUID> viewerVotes) {
        return new Poll(id, conversationId, createdBy, question, options, multipleChoice, allowVoteChange, anonymous,
                expiresAt, closed, createdAt, viewerVotes);
    }
}
