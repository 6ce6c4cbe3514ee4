package io.secureconnect.video.call;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.id.Ids;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;
import io.secureconnect.video.VideoErrorCode;
import io.secureconnect.video.VideoProperties;
import io.secureconnect.video.live.CallLog;
import io.secureconnect.video.live.CallState;
import io.secureconnect.video.live.JoinOutcome;
import io.secureconnect.video.live.LiveCall;
import io.secureconnect.video.live.LiveCalls;
import io.secureconnect.video.live.Participant;
import io.secureconnect.video.peers.ChatMembership;
import io.secureconnect.video.peers.Relations;
import io.secureconnect.video.ringing.Ringing;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The life of a call: placed, rung, joined, left, declined, ended. Live state goes through {@link LiveCalls}
 * (atomic, shared by instances), history through {@link CallHistory}; whoever ends a call in the history (exactly one
 * caller, on any instance) tells the participants, rings off the callees and counts it.
 */
@Service
public class Calls {

    private final CallHistory history;
    private final LiveCalls live;
    private final ChatMembership chat;
    private final Relations relations;
    private final Ringing ringing;
    private final ApplicationEventPublisher events;
    private final CallMetrics metrics;
    private final AuditLogger audit;
    private final VideoProperties properties;
    private final Clock clock;

    Calls(CallHistory history, LiveCalls live, ChatMembership chat, Relations relations, Ringing ringing,
          ApplicationEventPublisher events, CallMetrics metrics, AuditLogger audit, VideoProperties properties,
          Clock clock) {
        this.clock = clock;
        this.history = history;
        this.live = live;
        this.chat = chat;
        this.relations = relations;
        this.ringing = ringing;
        this.events = events;
        this.metrics = metrics;
        this.audit = audit;
        this.properties = properties;
    }

    CallView create(UUID caller, String token, CreateCallRequest request) {
        if ((request.conversationId() == null) == (request.inviteeIds() == null || request.inviteeIds().isEmpty())) {
            throw new ApiException(CommonErrorCode.VALIDATION_FAILED,
                    "Give either conversationId or inviteeIds (at least one), not both.");
        }
        int limit = properties.limitFor(request.media());
        Set<UUID> invitees = request.conversationId() != null
                ? conversationMembers(caller, token, request.conversationId())
                : new HashSet<>(request.inviteeIds());
        invitees.remove(caller);
        if (request.conversationId() == null && (invitees.isEmpty() || invitees.size() + 1 > limit)) {
            metrics.failed("full");
            throw new ApiException(invitees.isEmpty() ? CommonErrorCode.VALIDATION_FAILED : VideoErrorCode.CALL_FULL,
                    "An ad hoc call needs 1 to " + (limit - 1) + " invitees besides the caller.",
                    Map.of("maxParticipants", limit));
        }
        // nobody blocked is rung; an ad hoc call rings only contacts (others are called from a shared conversation)
        Set<UUID> rung = relations.mayRing(invitees, token, request.conversationId() == null);
        if (request.conversationId() == null && rung.isEmpty()) {
            audit.record(AuditEvent.of("call.create", AuditResult.DENIED).user(caller)
                    .reason("no invitee is a contact without a block"));
            throw new ApiException(CommonErrorCode.FORBIDDEN, "None of the invitees can be called.");
        }
        var meta = new LiveCall.CallMeta(Ids.newId(), request.conversationId(), caller, request.media(), clock.instant(),
                limit, rung);
        history.insert(meta);
        live.create(meta);
        metrics.created(meta.media());
        audit.record(AuditEvent.of("call.create", AuditResult.SUCCESS).user(caller).resource(resource(meta.id())));
        CallLog.event(meta.id(), "initiated", "{} call placed by {} ({} callees, limit {})", meta.media(), caller,
                rung.size(), limit);
        ringing.ring(meta);
        return view(meta.id(), caller);
    }

    private Set<UUID> conversationMembers(UUID caller, String token, UUID conversationId) {
        return chat.membersAsSeenBy(conversationId, token)
                .map(members -> members.stream().map(ChatMembership.Member::userId).collect(Collectors.toSet()))
                .orElseThrow(() -> {
                    audit.record(AuditEvent.of("call.create", AuditResult.DENIED).user(caller)
                            .resource("conversation:" + conversationId).reason("not_member"));
                    return new ApiException(VideoErrorCode.CONVERSATION_NOT_FOUND, "No such conversation.");
                });
    }

    CallView view(UUID callId, UUID user) {
        CallHistory.CallRecord call = involving(callId, user, "call.view");
        return CallView.of(call, history.participants(callId), call.ended() ? Optional.empty() : live.find(callId));
    }

    /** Hangs up for everyone: cancelled while still ringing if the caller does it. Ending an ended call is fine. */
    void end(UUID callId, UUID user) {
        CallHistory.CallRecord call = involving(callId, user, "call.end");
        if (call.ended()) {
            return;
        }
        Optional<LiveCall> removed = live.remove(callId, false);
        boolean ringing = removed.map(LiveCall::isRinging).orElse(CallState.RINGING.wire().equals(call.state()));
        finish(callId, ringing && user.equals(call.initiatorId()) ? "cancelled" : "hung_up",
                removed.map(LiveCall::startedAt).orElse(call.startedAt()));
    }

    void decline(UUID callId, UUID user) {
        CallHistory.CallRecord call = involving(callId, user, "call.decline");
        if (call.ended()) {
            throw new ApiException(VideoErrorCode.CALL_ENDED, "The call has ended.");
        }
        Optional<LiveCall> after = live.decline(callId, user);
        history.recordDecline(callId, user);
        CallLog.event(callId, "declined", "declined by {}", user);
        events.publishEvent(new CallDeclined(callId, user));
        after.ifPresent(state -> {
            ringing.declined(state.meta(), user);
            if (state.isRinging() && state.declined().containsAll(state.meta().invitees())) {
                live.remove(callId, false);
                finish(callId, "declined", null);
            }
        });
    }

    /**
     * Whether {@code user} may join: the call exists and has not ended, and the user is a member of its
     * conversation (chat decides, with the user's own token) or was invited. Denials are audited.
     */
    public LiveCall admit(UUID callId, UUID user, String token) {
        CallHistory.CallRecord call = history.find(callId).orElseThrow(() -> deny("call.join", callId, user, "not_found",
                new ApiException(VideoErrorCode.CALL_NOT_FOUND, "No such call.")));
        if (call.ended()) {
            throw deny("call.join", callId, user, "ended", new ApiException(VideoErrorCode.CALL_ENDED, "The call has ended."));
        }
        LiveCall state = live.find(callId).orElseGet(() -> liveStateLost(call));
        boolean allowed = state.meta().conversationId() != null
                ? chat.membersAsSeenBy(state.meta().conversationId(), token).isPresent()
                : state.meta().mayJoin(user);
        if (!allowed) {
            metrics.failed("not_member");
            throw deny("call.join", callId, user, "not_member",
                    new ApiException(VideoErrorCode.NOT_A_PARTICIPANT, "You may not join this call."));
        }
        return state;
    }

    /**
     * The call's history says it runs but no live state was found: if Redis itself says it is gone, the call expired
     * (24 h TTL, or Redis lost it); if Redis could not be asked, the call is rebuilt from its history so participants
     * on this instance can go on (ARCHITECTURE §6). A transient Redis failure never ends a call.
     */
    private LiveCall liveStateLost(CallHistory.CallRecord call) {
        if (live.isGoneFromRedis(call.id())) {
            finish(call.id(), "expired", call.startedAt());
            metrics.failed("expired");
            throw new ApiException(VideoErrorCode.CALL_ENDED, "The call has ended.");
        }
        Set<UUID> invitees = history.participants(call.id()).stream().filter(p -> !"initiator".equals(p.role()))
                .map(CallHistory.ParticipantRecord::userId).collect(Collectors.toSet());
        live.adopt(new LiveCall(new LiveCall.CallMeta(call.id(), call.conversationId(), call.initiatorId(),
                call.media(), call.createdAt(), call.maxParticipants(), invitees), CallState.fromWire(call.state()),
                call.startedAt(), Set.of(), Map.of()));
        return live.find(call.id()).orElseThrow(() -> new ApiException(CommonErrorCode.SERVICE_UNAVAILABLE,
                "The call cannot be joined right now; try again shortly."));
    }

    public JoinOutcome join(UUID callId, Participant participant) {
        JoinOutcome outcome = live.join(callId, participant);
        switch (outcome) {
            case JoinOutcome.Joined joined -> {
                history.recordJoin(callId, participant.userId(), participant.joinedAt());
                if (joined.call().startedAt() != null) {
                    history.markActive(callId, joined.call().startedAt());
                }
                audit.record(AuditEvent.of("call.join", AuditResult.SUCCESS).user(participant.userId())
                        .resource(resource(callId)));
                CallLog.event(callId, joined.replaced() != null ? "rejoined" : "joined",
                        "participant {} joined ({} in the call)", participant.userId(), joined.call().participants().size());
            }
            case JoinOutcome.Full full -> {
                metrics.failed("full");
                deny("call.join", callId, participant.userId(), "full", null);
            }
            case JoinOutcome.NotLive ignored -> deny("call.join", callId, participant.userId(), "ended", null);
        }
        return outcome;
    }

    /**
     * Removes a participant if {@code connectionId} is still its connection (a left, dropped or orphaned one) and
     * tells the others; the last one out ends the call.
     */
    public void leave(UUID callId, UUID userId, UUID connectionId, String reason) {
        Optional<LiveCall> after = live.leave(callId, userId, connectionId);
        if (after.isEmpty()) {
            return;
        }
        LiveCall call = after.get();
        history.recordLeave(callId, userId, reason, clock.instant());
        CallLog.event(callId, "left", "participant {} left ({}), {} remain", userId, reason, call.participants().size());
        events.publishEvent(new ParticipantsChanged(call));
        if (call.participants().isEmpty() && live.remove(callId, true).isPresent()) {
            finish(callId, call.isRinging() ? "cancelled" : "completed", call.startedAt());
        }
    }

    /** Ends a call nobody answered in time. */
    public void ringingTimedOut(LiveCall call) {
        if (live.remove(call.id(), false).isPresent()) {
            finish(call.id(), "missed", null);
        }
    }

    /**
     * Records the end once (the history update decides who does it), then tells every participant
     * ({@link CallEnded}: frame {@code ended}, close 4410), tells everyone rung, and counts it.
     */
    void finish(UUID callId, String reason, Instant startedAt) {
        Instant now = clock.instant();
        if (!history.end(callId, reason, now, startedAt)) {
            return;
        }
        CallHistory.CallRecord call = history.find(callId).orElseThrow();
        Duration duration = Duration.ofSeconds(call.durationSeconds() == null ? 0 : call.durationSeconds());
        if (call.startedAt() != null) {
            metrics.ended(duration);
        }
        if (Set.of("missed", "declined").contains(reason)) {
            metrics.failed(reason);
        }
        CallLog.event(callId, "ended", "ended ({}) after {} s", reason, duration.toSeconds());
        events.publishEvent(new CallEnded(callId, reason));
        List<CallHistory.ParticipantRecord> people = history.participants(callId);
        Set<UUID> everyone = people.stream().map(CallHistory.ParticipantRecord::userId).collect(Collectors.toSet());
        Set<UUID> invitees = people.stream().filter(p -> !"initiator".equals(p.role()))
                .map(CallHistory.ParticipantRecord::userId).collect(Collectors.toSet());
        ringing.over(new LiveCall.CallMeta(callId, call.conversationId(), call.initiatorId(), call.media(),
                call.createdAt(), call.maxParticipants(), invitees), reason, everyone);
    }

    private CallHistory.CallRecord involving(UUID callId, UUID user, String action) {
        return history.find(callId).filter(call -> history.isInvolved(callId, user))
                .orElseThrow(() -> deny(action, callId, user, "not_involved",
                        new ApiException(VideoErrorCode.CALL_NOT_FOUND, "No such call.")));
    }

    private ApiException deny(String action, UUID callId, UUID user, String reason, ApiException answer) {
        audit.record(AuditEvent.of(action, AuditResult.DENIED).user(user).resource(resource(callId)).reason(reason));
        return answer;
    }

    private static String resource(UUID callId) {
        return "call:" + callId;
    }
}
