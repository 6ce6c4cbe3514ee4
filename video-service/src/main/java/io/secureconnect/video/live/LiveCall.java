package io.secureconnect.video.live;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The live state of a call that has not ended, as kept in Redis (shared by every instance) and in memory while
 * Redis is degraded. An ended call has no live state; its history is in PostgreSQL.
 *
 * <p>The transitions ({@link CallState}'s table) are the package-private methods below: only the stores apply them,
 * each under its own per-call atomicity, and a refused move leaves the call as it was.
 *
 * @param meta         what never changes after the call was created
 * @param state        {@code ringing} until a second participant joins, then {@code active}
 * @param startedAt    when it became active, null while ringing
 * @param declined     invitees who declined
 * @param participants current participants by user id
 */
public record LiveCall(CallMeta meta, CallState state, Instant startedAt, Set<UUID> declined,
                       Map<UUID, Participant> participants) {

    /** A ringing call becomes active when this many are in it. */
    static final int PARTICIPANTS_TO_START = 2;

    public LiveCall {
        if (state == CallState.ENDED) {
            throw new IllegalArgumentException("an ended call has no live state");
        }
        declined = Set.copyOf(declined);
        participants = Map.copyOf(participants);
    }

    /** A call just placed: ringing, nobody in it yet. */
    public static LiveCall ringing(CallMeta meta) {
        return new LiveCall(meta, CallState.RINGING, null, Set.of(), Map.of());
    }

    public UUID id() {
        return meta.id();
    }

    public boolean isRinging() {
        return state == CallState.RINGING;
    }

    /**
     * Puts the participant in the call, replacing the same user's older connection; the join that brings the
     * second participant in starts the call at {@code now} (to the millisecond, as Redis keeps it). Refused with
     * {@link JoinOutcome.Full} when a new user would pass the limit.
     */
    JoinOutcome join(Participant participant, Instant now) {
        Participant previous = participants.get(participant.userId());
        if (previous == null && participants.size() >= meta.maxParticipants()) {
            return new JoinOutcome.Full(meta.maxParticipants());
        }
        Map<UUID, Participant> joined = new HashMap<>(participants);
        joined.put(participant.userId(), participant);
        CallState next = state.afterJoin(joined.size());
        Instant started = next != state ? now.truncatedTo(ChronoUnit.MILLIS) : startedAt;
        return new JoinOutcome.Joined(new LiveCall(meta, next, started, declined, joined), previous);
    }

    /**
     * Takes the participant out if {@code connectionId} is still its connection; empty (refused) for an older
     * connection or someone not in the call, so a stale socket never removes the current one.
     */
    Optional<LiveCall> leave(UUID userId, UUID connectionId) {
        Participant current = participants.get(userId);
        if (current == null || !current.connectionId().equals(connectionId)) {
            return Optional.empty();
        }
        Map<UUID, Participant> remaining = new HashMap<>(participants);
        remaining.remove(userId);
        return Optional.of(new LiveCall(meta, state, startedAt, declined, remaining));
    }

    LiveCall decline(UUID userId) {
        Set<UUID> all = new HashSet<>(declined);
        all.add(userId);
        return new LiveCall(meta, state, startedAt, all, participants);
    }

    /**
     * Whether the call may end now (its live state then goes): always, or with {@code onlyIfEmpty} only when nobody
     * is in it.
     */
    boolean mayEnd(boolean onlyIfEmpty) {
        return !onlyIfEmpty || participants.isEmpty();
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
