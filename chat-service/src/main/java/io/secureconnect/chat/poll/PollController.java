package io.secureconnect.chat.poll;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.secureconnect.common.security.Caller;
import io.secureconnect.common.text.Storable;

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
class PollController {

    private final Polls polls;

    PollController(Polls polls) {
        this.polls = polls;
    }

    record CreateRequest(@NotBlank @Size(max = 500) @Storable String question,
                         @NotNull @Size(min = 2, max = 10) List<@NotNull @Size(max = 200) @Storable String> options,
                         Boolean multipleChoice, Boolean allowVoteChange, Boolean anonymous, Instant expiresAt) {
    }

    record VoteRequest(@NotEmpty @Size(max = 10) List<@NotNull UUID> optionIds) {
    }

    @PostMapping("/api/v1/conversations/{conversationId}/polls")
    @ResponseStatus(HttpStatus.CREATED)
    Poll create(@PathVariable UUID conversationId, @Valid @RequestBody CreateRequest request,
                Caller caller) {
        return polls.create(caller, conversationId, new Polls.NewPoll(request.question(), request.options(),
                Boolean.TRUE.equals(request.multipleChoice()), !Boolean.FALSE.equals(request.allowVoteChange()),
                Boolean.TRUE.equals(request.anonymous()), request.expiresAt()));
    }

    @GetMapping("/api/v1/conversations/{conversationId}/polls")
    Map<String, List<Poll>> list(@PathVariable UUID conversationId, Caller caller) {
        return Map.of("items", polls.inConversation(caller, conversationId));
    }

    @GetMapping("/api/v1/polls/{id}")
    Poll get(@PathVariable UUID id, Caller caller) {
        return polls.get(caller, id);
    }

    @PostMapping("/api/v1/polls/{id}/votes")
    Poll vote(@PathVariable UUID id, @Valid @RequestBody VoteRequest request, Caller caller) {
        return polls.vote(caller, id, request.optionIds());
    }

    @PostMapping("/api/v1/polls/{id}/close")
    Poll close(@PathVariable UUID id, Caller caller) {
        return polls.close(caller, id);
    }

    @DeleteMapping("/api/v1/polls/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id, Caller caller) {
        polls.delete(caller, id);
    }
}
