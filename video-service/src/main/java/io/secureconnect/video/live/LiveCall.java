package io.secureconnect.video.live;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The live state of a call that has not ended, as kept in Redis (shared by every instance) and in memory while
 * Redis is degraded. An ended call has no live state; its history is in PostgreSQL.
 *
 * @param meta         what never changes after the call was created
 * @param state        {@code ringing} until a second participant joins, then {@code active}
 * @param startedAt    when it became active, null while ringing
 * @param declined     invitees who declined
 * @param participants current participants by user id
 */
public record LiveCall(CallMeta meta, String state, Instant startedAt, Set<UUID> declined,
                       Map<UUID, Participant> participants) {

    public static final String RINGING = "ringing";
    public static final String ACTIVE = "active";

    public LiveCall {
        declined = Set.copyOf(declined);
        participants = Map.copyOf(participants);
    }

    public UUID id() {
        return meta.id();
    }

    public boolean isRinging() {
        return RINGING.equals(state);
    }

    /**
     * @param invitees the users rung (for a conversation call, its other members at the time)
     */
    public record CallMeta(UUID id, UUID conversationId, UUID initiatorId, String media, Instant createdAt,
                           int maxParticipants, Set<UUID> invitees) {

        public CallMeta {
            invitees = Set.copyOf(invitees);
        }

        public boolean mayJoin(UUID userId) {
            return initiatorId.equals(userId) || invitees.contains(userId);
        }
    }
}
