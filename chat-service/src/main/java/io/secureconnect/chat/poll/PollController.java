package io.secureconnect.chat.poll;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.secureconnect.common.apidocs.ApiErrors;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.text.Storable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Polls: created in a conversation, voted on and closed by id. */
@RestController
@Tag(name = "Polls", description = "Polls in plaintext conversations: members create them, vote, and see the tally "
        + "change live (`poll.updated` on `/ws/chat`); the creator closes or deletes them. A poll of a conversation "
        + "the caller is not a member of answers 404, like the conversation itself.")
class PollController {

    private final Polls polls;

    PollController(Polls polls) {
        this.polls = polls;
    }

    // named for the description: a bare "CreateRequest" would share its schema name with the conversations'
    record CreatePollRequest(
            @Schema(example = "Where shall we have lunch on Friday?")
            @NotBlank @Size(max = 500) @Storable String question,
            @Schema(example = "[\"Thai\", \"Pizza\", \"Salad bar\"]", description = "2 to 10 distinct options")
            @NotNull @Size(min = 2, max = 10) List<@NotNull @Size(max = 200) @Storable String> options,
            @Schema(example = "false", description = "Whether a member may choose several options; false when left out")
            Boolean multipleChoice,
            @Schema(example = "true", description = "Whether a member may change their vote; true when left out")
            Boolean allowVoteChange,
            @Schema(example = "false", description = "Whether who voted for what stays hidden; false when left out")
            Boolean anonymous,
            @Schema(example = "2026-12-11T11:00:00Z",
                    description = "When voting ends, in the future; never when left out")
            Instant expiresAt) {
    }

    record VoteRequest(
            @Schema(example = "[\"0193a5c2-7f41-7c3e-9d2a-5b8e1f4c6a02\"]",
                    description = "The chosen options' ids: exactly one unless the poll is multiple choice; "
                            + "replaces the caller's earlier vote")
            // @Size with min rather than @NotEmpty: the same rule, and the description then says minItems 1
            @NotNull @Size(min = 1, max = 10) List<@NotNull UUID> optionIds) {
    }

    /** A conversation's polls, newest first. */
    record PollList(List<Poll> items) {
    }

    @Operation(operationId = "createPoll", summary = "Create a poll in a conversation",
            description = "Members only. Not available in end-to-end encrypted conversations, where the poll would be "
                    + "stored unencrypted. The poll also appears in the history as a system message.")
    @ApiErrors({"CONVERSATION_NOT_FOUND", "EMAIL_NOT_VERIFIED", "E2EE_NOT_SUPPORTED"})
    @PostMapping("/api/v1/conversations/{conversationId}/polls")
    @ResponseStatus(HttpStatus.CREATED)
    Poll create(@PathVariable UUID conversationId, @Valid @RequestBody CreatePollRequest request,
                Caller caller) {
        return polls.create(caller, conversationId, new Polls.NewPoll(request.question(), request.options(),
                Boolean.TRUE.equals(request.multipleChoice()), !Boolean.FALSE.equals(request.allowVoteChange()),
                Boolean.TRUE.equals(request.anonymous()), request.expiresAt()));
    }

    @Operation(operationId = "listConversationPolls", summary = "List a conversation's polls",
            description = "Members only; the latest 100, newest first.")
    @ApiErrors("CONVERSATION_NOT_FOUND")
    @GetMapping("/api/v1/conversations/{conversationId}/polls")
    PollList list(@PathVariable UUID conversationId, Caller caller) {
        return new PollList(polls.inConversation(caller, conversationId));
    }

    @Operation(operationId = "getPoll", summary = "Get a poll with its tally and your votes")
    @ApiErrors("POLL_NOT_FOUND")
    @GetMapping("/api/v1/polls/{id}")
    Poll get(@PathVariable UUID id, Caller caller) {
        return polls.get(caller, id);
    }

    @Operation(operationId = "votePoll", summary = "Vote in a poll",
            description = "Replaces the caller's earlier choices, unless the poll does not allow changes "
                    + "(`ALREADY_VOTED`). A closed or expired poll takes no votes (`POLL_CLOSED`).")
    @ApiErrors({"POLL_NOT_FOUND", "POLL_CLOSED", "ALREADY_VOTED"})
    @PostMapping("/api/v1/polls/{id}/votes")
    Poll vote(@PathVariable UUID id, @Valid @RequestBody VoteRequest request, Caller caller) {
        return polls.vote(caller, id, request.optionIds());
    }

    @Operation(operationId = "closePoll", summary = "Close a poll (its creator)",
            description = "Ends voting and notifies the other members of the result (`poll_result`).")
    @ApiErrors({"POLL_NOT_FOUND", "NOT_ALLOWED"})
    @PostMapping("/api/v1/polls/{id}/close")
    Poll close(@PathVariable UUID id, Caller caller) {
        return polls.close(caller, id);
    }

    @Operation(operationId = "deletePoll", summary = "Delete a poll (its creator)")
    @ApiErrors({"POLL_NOT_FOUND", "NOT_ALLOWED"})
    @DeleteMapping("/api/v1/polls/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id, Caller caller) {
        polls.delete(caller, id);
    }
}
