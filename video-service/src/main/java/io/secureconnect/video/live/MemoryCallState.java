package io.secureconnect.video.live;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's copy of the calls it serves: refreshed from every Redis answer, and the only state while Redis is
 * degraded, with the same rules as {@link CallScripts} (per-call atomicity comes from {@link ConcurrentHashMap#compute}).
 */
class MemoryCallState {

    private final Map<UUID, LiveCall> calls = new ConcurrentHashMap<>();

    void put(LiveCall call) {
        calls.put(call.id(), call);
    }

    Optional<LiveCall> find(UUID callId) {
        return Optional.ofNullable(calls.get(callId));
    }

    Set<UUID> callIds() {
        return Set.copyOf(calls.keySet());
    }

    void forget(UUID callId) {
        calls.remove(callId);
    }

    void retainOnly(Set<UUID> callIds) {
        calls.keySet().retainAll(callIds);
    }

    JoinOutcome join(UUID callId, Participant participant) {
        JoinOutcome[] outcome = {new JoinOutcome.NotLive()};
        calls.computeIfPresent(callId, (id, call) -> {
            Participant previous = call.participants().get(participant.userId());
            if (previous == null && call.participants().size() >= call.meta().maxParticipants()) {
                outcome[0] = new JoinOutcome.Full(call.meta().maxParticipants());
                return call;
            }
            Map<UUID, Participant> participants = new HashMap<>(call.participants());
            participants.put(participant.userId(), participant);
            boolean starts = call.isRinging() && participants.size() >= 2;
            LiveCall joined = new LiveCall(call.meta(), starts ? LiveCall.ACTIVE : call.state(),
                    starts ? Instant.now() : call.startedAt(), call.declined(), participants);
            outcome[0] = new JoinOutcome.Joined(joined, previous);
            return joined;
        });
        return outcome[0];
    }

    Optional<LiveCall> leave(UUID callId, UUID userId, UUID connectionId) {
        LiveCall[] left = {null};
        calls.computeIfPresent(callId, (id, call) -> {
            Participant current = call.participants().get(userId);
            if (current == null || !current.connectionId().equals(connectionId)) {
                return call;
            }
            Map<UUID, Participant> participants = new HashMap<>(call.participants());
            participants.remove(userId);
            left[0] = new LiveCall(call.meta(), call.state(), call.startedAt(), call.declined(), participants);
            return left[0];
        });
        return Optional.ofNullable(left[0]);
    }

    Optional<LiveCall> decline(UUID callId, UUID userId) {
        return Optional.ofNullable(calls.computeIfPresent(callId, (id, call) -> {
            Set<UUID> declined = new HashSet<>(call.declined());
            declined.add(userId);
            return new LiveCall(call.meta(), call.state(), call.startedAt(), declined, call.participants());
        }));
    }

    Optional<LiveCall> remove(UUID callId, boolean onlyIfEmpty) {
        LiveCall[] removed = {null};
        calls.computeIfPresent(callId, (id, call) -> {
            if (onlyIfEmpty && !call.participants().isEmpty()) {
                return call;
            }
            removed[0] = call;
            return null;
        });
        return Optional.ofNullable(removed[0]);
    }
}
