package io.secureconnect.video.call;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.secureconnect.video.live.LiveCall;

/**
 * A call as the REST API shows it: its history, with who is connected right now while it is live.
 *
 * @param participants everyone rung or joined; {@code connected} while they are in the live call
 */
public record CallView(UUID id, UUID conversationId, UUID initiatorId, String media, String state,
                       int maxParticipants, Instant createdAt, Instant startedAt, Instant endedAt,
                       Long durationSeconds, String endReason, List<ParticipantView> participants) {

    public record ParticipantView(UUID userId, String role, String response, boolean connected, Instant joinedAt,
                                  Instant leftAt, String leaveReason) {
    }

    static CallView of(CallHistory.CallRecord call, List<CallHistory.ParticipantRecord> people, Optional<LiveCall> live) {
        String state = live.map(l -> l.state().wire()).orElse(call.state());
        Instant startedAt = call.startedAt() != null ? call.startedAt() : live.map(LiveCall::startedAt).orElse(null);
        List<ParticipantView> participants = people.stream().map(p -> new ParticipantView(p.userId(), p.role(),
                p.response(), live.map(l -> l.participants().containsKey(p.userId())).orElse(false), p.joinedAt(),
                p.leftAt(), p.leaveReason())).toList();
        return new CallView(call.id(), call.conversationId(), call.initiatorId(), call.media(), state,
                call.maxParticipants(), call.createdAt(), startedAt, call.endedAt(), call.durationSeconds(),
                call.endReason(), participants);
    }
}
