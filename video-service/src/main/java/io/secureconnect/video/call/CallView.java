package io.secureconnect.video.call;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.secureconnect.video.live.LiveCall;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A call as the REST API shows it: its history, with who is connected right now while it is live.
 *
 * @param participants everyone rung or joined; {@code connected} while they are in the live call
 */
@Schema(name = "Call")
public record CallView(
        @Schema(example = "0190f3a2-7c41-7d2e-9b8a-3f6c1d2e4a5b") UUID id,
        @Schema(description = "Null for an ad hoc call", example = "0190f3a1-2b3c-7d4e-8f5a-6b7c8d9e0f1a",
                nullable = true) UUID conversationId,
        @Schema(example = "0190f39f-1a2b-7c3d-8e4f-5a6b7c8d9e0f") UUID initiatorId,
        @Schema(allowableValues = {"audio", "video"}, example = "video") String media,
        @Schema(description = "`ringing` until a second participant is connected, then `active`",
                allowableValues = {"ringing", "active", "ended"}, example = "ended") String state,
        @Schema(description = "How many may be in the call at once", example = "4") int maxParticipants,
        @Schema(example = "2026-12-07T20:15:02Z") Instant createdAt,
        @Schema(description = "When a second participant connected", example = "2026-12-07T20:15:09Z",
                nullable = true) Instant startedAt,
        @Schema(example = "2026-12-07T20:42:31Z", nullable = true) Instant endedAt,
        @Schema(description = "From `startedAt` to the end; set once the call ended", example = "1642",
                nullable = true) Long durationSeconds,
        @Schema(description = "`completed`, `hung_up`, `cancelled`, `declined`, `missed` or `expired`; set once the"
                + " call ended", example = "completed", nullable = true) String endReason,
        @Schema(description = "Everyone rung or joined") List<ParticipantView> participants) {

    @Schema(name = "CallParticipant")
    public record ParticipantView(
            @Schema(example = "0190f3a0-5d6e-7f8a-9b0c-1d2e3f4a5b6c") UUID userId,
            @Schema(description = "`initiator`, `invitee` (rung) or `member` (joined without being rung)",
                    allowableValues = {"initiator", "invitee", "member"}, example = "invitee") String role,
            @Schema(description = "`declined` when the participant declined, otherwise null", nullable = true)
            String response,
            @Schema(description = "In the live call right now", example = "false") boolean connected,
            @Schema(example = "2026-12-07T20:15:09Z", nullable = true) Instant joinedAt,
            @Schema(example = "2026-12-07T20:42:31Z", nullable = true) Instant leftAt,
            @Schema(description = "`left`, `dropped` or `call_ended`", example = "call_ended", nullable = true)
            String leaveReason) {
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
