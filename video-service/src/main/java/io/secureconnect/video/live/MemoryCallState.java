package io.secureconnect.video.live;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's copy of the calls it serves: refreshed from every Redis answer, and the only state while Redis is
 * degraded. Every change is the {@link LiveCall} transition itself, made atomic per call by
 * {@link ConcurrentHashMap#compute}.
 */
class MemoryCallState implements CallStore {

    private final Map<UUID, LiveCall> calls = new ConcurrentHashMap<>();

    void put(LiveCall call) {
        calls.put(call.id(), call);
    }

    @Override
    public void create(LiveCall.CallMeta meta) {
        put(LiveCall.ringing(meta));
    }

    @Override
    public Optional<LiveCall> find(UUID callId) {
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

    @Override
    public JoinOutcome join(UUID callId, Participant participant, Instant now) {
        JoinOutcome[] outcome = {new JoinOutcome.NotLive()};
        calls.computeIfPresent(callId, (id, call) -> {
            outcome[0] = call.join(participant, now);
            return outcome[0] instanceof JoinOutcome.Joined joined ? joined.call() : call;
        });
        return outcome[0];
    }

    @Override
    public Optional<LiveCall> leave(UUID callId, UUID userId, UUID connectionId) {
        LiveCall[] left = {null};
        calls.computeIfPresent(callId, (id, call) -> {
            left[0] = call.leave(userId, connectionId).orElse(null);
            return left[0] != null ? left[0] : call;
        });
        return Optional.ofNullable(left[0]);
    }

    @Override
    public Optional<LiveCall> decline(UUID callId, UUID userId) {
        return Optional.ofNullable(calls.computeIfPresent(callId, (id, call) -> call.decline(userId)));
    }

    @Override
    public Optional<LiveCall> remove(UUID callId, boolean onlyIfEmpty) {
        LiveCall[] removed = {null};
        calls.computeIfPresent(callId, (id, call) -> {
            if (!call.mayEnd(onlyIfEmpty)) {
                return call;
            }
            removed[0] = call;
            return null;
        });
        return Optional.ofNullable(removed[0]);
    }
}
