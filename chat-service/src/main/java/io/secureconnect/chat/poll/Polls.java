package io.secureconnect.chat.poll;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.secureconnect.chat.ChatErrorCode;
import io.secureconnect.chat.conversation.Conversation;
import io.secureconnect.chat.conversation.ConversationAccess;
import io.secureconnect.chat.conversation.ConversationRepository;
import io.secureconnect.chat.message.MessagePublisher;
import io.secureconnect.chat.message.MessageRepository;
import io.secureconnect.chat.message.MessageType;
import io.secureconnect.chat.notification.NotificationKind;
import io.secureconnect.chat.notification.Notifications;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.id.Ids;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Polls in conversations. Votes and closing serialize on the poll's row, so concurrent votes are each counted once
 * and nothing is counted after a close. Members see results change live through {@code poll.updated}; a poll of
 * someone else's conversation answers 404 like the conversation itself.
 */
@Service
public class Polls {

    private final PollRepository polls;
    private final ConversationAccess access;
    private final MessageRepository messages;
    private final MessagePublisher publisher;
    private final TransactionTemplate transaction;
    private final AuditLogger audit;
    private final JsonMapper json;
    private final ConversationRepository conversations;
    private final Notifications notifications;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Polls(PollRepository polls, ConversationAccess access, MessageRepository messages, MessagePublisher publisher,
          TransactionTemplate transaction, AuditLogger audit, JsonMapper json, ConversationRepository conversations,
          Notifications notifications, ApplicationEventPublisher events, Clock clock) {
        this.clock = clock;
        this.conversations = conversations;
        this.notifications = notifications;
        this.events = events;
        this.polls = polls;
        this.access = access;
        this.messages = messages;
        this.publisher = publisher;
        this.transaction = transaction;
        this.audit = audit;
        this.json = json;
    }

    /** What a member asks for; the controller has checked the shapes. */
    public record NewPoll(String question, List<String> options, boolean multipleChoice, boolean allowVoteChange,
                          boolean anonymous, Instant expiresAt) {
    }

    public Poll create(Caller caller, UUID conversationId, NewPoll request) {
        access.requireMember(caller, conversationId, "chat.poll.create");
        access.requireMayWrite(caller, "chat.poll.create");
        // S20: a poll is stored and notified in plaintext; in an encrypted conversation that would leak its content
        // until clients encrypt polls, so none are made there
        if (conversations.headerForMember(conversationId, caller.userId()).map(Conversation::e2ee).orElse(false)) {
            audit.record(AuditEvent.of("chat.poll.create", AuditResult.DENIED).user(caller.userId())
                    .resource("conversation:" + conversationId).reason("end-to-end encrypted conversation"));
            throw new ApiException(ChatErrorCode.E2EE_NOT_SUPPORTED,
                    "Polls are not available in end-to-end encrypted conversations yet: they would be stored unencrypted.");
        }
        List<String> options = request.options().stream().map(String::strip).toList();
        if (new LinkedHashSet<>(options).size() != options.size() || options.stream().anyMatch(String::isEmpty)) {
            throw new ApiException(CommonErrorCode.VALIDATION_FAILED, "Options must be distinct and not blank.");
        }
        if (request.expiresAt() != null && !request.expiresAt().isAfter(clock.instant())) {
            throw new ApiException(CommonErrorCode.VALIDATION_FAILED, "expiresAt must be in the future.");
        }
        UUID pollId = transaction.execute(status -> {
            UUID id = polls.insert(conversationId, caller.userId(), request.question().strip(), options,
                    request.multipleChoice(), request.allowVoteChange(), request.anonymous(), request.expiresAt());
            // the poll appears in the history too, so members who were offline find it after sync
            var appended = messages.append(conversationId, caller.userId(), "poll-" + id, MessageType.SYSTEM,
                    json.writeValueAsString(Map.of("event", "poll.created", "pollId", id, "actorId", caller.userId())),
                    null, List.of());
            publisher.afterCommit(appended.message(), caller);
            return id;
        });
        announce(pollId);
        return polls.view(pollId, caller.userId()).orElseThrow();
    }

    public Poll get(Caller caller, UUID pollId) {
        PollRepository.Row poll = memberPoll(caller, pollId, "chat.poll.read");
        return polls.view(poll.id(), caller.userId()).orElseThrow();
    }

    public List<Poll> inConversation(Caller caller, UUID conversationId) {
        access.requireMember(caller, conversationId, "chat.poll.read");
        return polls.idsInConversation(conversationId, 100).stream()
                .map(id -> polls.view(id, caller.userId()).orElseThrow()).toList();
    }

    public Poll vote(Caller caller, UUID pollId, List<UUID> optionIds) {
        memberPoll(caller, pollId, "chat.poll.vote");
        transaction.executeWithoutResult(status -> {
            PollRepository.Row poll = polls.find(pollId, true).orElseThrow(Polls::notFound);
            if (!poll.acceptsVotes(clock.instant())) {
                throw new ApiException(ChatErrorCode.POLL_CLOSED, "This poll is closed.");
            }
            Set<UUID> chosen = new LinkedHashSet<>(optionIds);
            if (chosen.isEmpty() || (!poll.multipleChoice() && chosen.size() > 1)) {
                throw new ApiException(CommonErrorCode.VALIDATION_FAILED,
                        poll.multipleChoice() ? "Choose at least one option." : "This poll takes exactly one option.");
            }
            if (!polls.optionIds(pollId).containsAll(chosen)) {
                throw new ApiException(CommonErrorCode.VALIDATION_FAILED, "An option id is not one of this poll's.");
            }
            if (!poll.allowVoteChange() && !polls.votesOf(pollId, caller.userId()).isEmpty()) {
                throw new ApiException(ChatErrorCode.ALREADY_VOTED, "You have voted, and this poll does not allow changes.");
            }
            polls.replaceVotes(pollId, caller.userId(), List.copyOf(chosen));
        });
        announce(pollId);
        return polls.view(pollId, caller.userId()).orElseThrow();
    }

    public Poll close(Caller caller, UUID pollId) {
        PollRepository.Row poll = requireCreator(caller, pollId, "chat.poll.close");
        polls.close(poll.id());
        announce(pollId);
        List<UUID> others = conversations.memberIds(poll.conversationId()).stream()
                .filter(member -> !member.equals(caller.userId())).toList();
        notifications.recordForAll(others, NotificationKind.POLL_RESULT, Map.of("conversationId", poll.conversationId(),
                "actorId", caller.userId(), "pollId", pollId, "question", poll.question()));
        return polls.view(pollId, caller.userId()).orElseThrow();
    }

    public void delete(Caller caller, UUID pollId) {
        PollRepository.Row poll = requireCreator(caller, pollId, "chat.poll.delete");
        polls.delete(pollId);
        events.publishEvent(new PollDeleted(poll.conversationId(), pollId));
    }

    private PollRepository.Row memberPoll(Caller caller, UUID pollId, String action) {
        PollRepository.Row poll = polls.find(pollId, false).orElseThrow(Polls::notFound);
        try {
            access.requireMember(caller, poll.conversationId(), action);
        } catch (ApiException notAMember) {
            throw notFound(); // a poll of someone else's conversation does not exist for the caller
        }
        return poll;
    }

    private PollRepository.Row requireCreator(Caller caller, UUID pollId, String action) {
        PollRepository.Row poll = memberPoll(caller, pollId, action);
        if (!poll.createdBy().equals(caller.userId())) {
            audit.record(AuditEvent.of(action, AuditResult.DENIED).user(caller.userId()).resource("poll:" + pollId)
                    .reason("not the creator"));
            throw new ApiException(ChatErrorCode.NOT_ALLOWED, "Only the poll's creator may do this.");
        }
        return poll;
    }

    /** Live results to every member: the tally without anyone's own choices. */
    private void announce(UUID pollId) {
        polls.view(pollId, Ids.newId()).ifPresent(poll -> events.publishEvent(new PollChanged(poll.forViewer(null))));
    }

    private static ApiException notFound() {
        return new ApiException(ChatErrorCode.POLL_NOT_FOUND, "No such poll.");
    }
}
