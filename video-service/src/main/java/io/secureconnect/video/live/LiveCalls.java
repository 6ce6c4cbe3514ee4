package io.secureconnect.video.live;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.secureconnect.common.redis.RedisGuard;
import io.secureconnect.common.redis.RedisStateListener;
import io.secureconnect.video.VideoProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live state of calls (ARCHITECTURE §6): in Redis while it is healthy, so any instance can serve any call; in
 * this instance's memory while Redis is degraded, so participants on this instance keep talking. Every Redis answer
 * refreshes the memory copy; changes made while degraded are written back when Redis returns.
 */
@Component
public class LiveCalls implements RedisStateListener {

    private static final Logger log = LoggerFactory.getLogger(LiveCalls.class);

    /** Random per process start: a participant whose instance stopped heartbeating belongs to a dead process. */
    private final String instanceId = "video-" + UUID.randomUUID();
    private final RedisCallState redis;
    private final MemoryCallState memory = new MemoryCallState();
    private final RedisGuard guard;
    private final VideoProperties properties;
    private final Clock clock;
    private final Set<UUID> changedWhileDegraded = ConcurrentHashMap.newKeySet();
    private final Set<UUID> removedWhileDegraded = ConcurrentHashMap.newKeySet();
    /** From degraded until the write-back finished: memory holds state Redis does not have yet. */
    private volatile boolean writeBackPending;

    LiveCalls(StringRedisTemplate redis, JsonMapper json, RedisGuard guard, VideoProperties properties, Clock clock) {
        this.redis = new RedisCallState(redis, json, properties.stateTtl());
        this.guard = guard;
        this.properties = properties;
        this.clock = clock;
        guard.addListener(this);
    }

    public String instanceId() {
        return instanceId;
    }

    public boolean isDegraded() {
        return guard.isDegraded();
    }

    /** Places a call: ringing, nobody in it yet. */
    public void create(LiveCall.CallMeta meta) {
        memory.create(meta);
        RedisAvailability.run(guard, () -> redis.create(meta), () -> changedWhileDegraded.add(meta.id()));
    }

    public Optional<LiveCall> find(UUID callId) {
        return RedisAvailability.call(guard, () -> {
            Optional<LiveCall> call = redis.find(callId);
            if (call.isEmpty() && restoredBeforeWriteBack(callId)) {
                call = redis.find(callId);
            }
            call.ifPresentOrElse(memory::put, () -> memory.forget(callId));
            return call;
        }, () -> memory.find(callId));
    }

    /** The live state of these calls (those that are gone are left out), in one round trip to Redis. */
    public Map<UUID, LiveCall> findAll(Set<UUID> callIds) {
        List<UUID> ids = List.copyOf(callIds);
        return RedisAvailability.call(guard, () -> {
            Map<UUID, LiveCall> calls = redis.findAll(ids);
            calls.values().forEach(memory::put);
            return calls;
        }, () -> {
            Map<UUID, LiveCall> calls = new HashMap<>();
            ids.forEach(id -> memory.find(id).ifPresent(call -> calls.put(id, call)));
            return calls;
        });
    }

    /**
     * Every live call as Redis has it (index entries of expired calls are dropped on the way), or empty when Redis
     * cannot answer: recovery must not mistake the fallback's view for the truth.
     */
    public Optional<Map<UUID, LiveCall>> allInRedis() {
        return RedisAvailability.call(guard, () -> {
            Set<UUID> ids = redis.liveCallIds();
            Map<UUID, LiveCall> calls = redis.findAll(List.copyOf(ids));
            ids.stream().filter(id -> !calls.containsKey(id)).forEach(redis::forgetExpired);
            calls.values().forEach(memory::put);
            return Optional.of(calls);
        }, Optional::empty);
    }

    /** True only when Redis itself answers that the call has no live state; a fallback answer never says so. */
    public boolean isGoneFromRedis(UUID callId) {
        return RedisAvailability.call(guard, () -> !redis.exists(callId), () -> false);
    }

    /**
     * Takes up a call whose live state Redis could not give (rebuilt from its history), so that participants on this
     * instance can join it while Redis is degraded; it is written back when Redis returns.
     */
    public void adopt(LiveCall call) {
        if (memory.find(call.id()).isEmpty()) {
            memory.put(call);
            changedWhileDegraded.add(call.id());
        }
    }

    public JoinOutcome join(UUID callId, Participant participant) {
        Instant now = clock.instant();
        return RedisAvailability.call(guard, () -> {
            JoinOutcome outcome = redis.join(callId, participant, now);
            if (outcome instanceof JoinOutcome.NotLive && restoredBeforeWriteBack(callId)) {
                outcome = redis.join(callId, participant, now);
            }
            switch (outcome) {
                case JoinOutcome.Joined joined -> memory.put(joined.call());
                case JoinOutcome.NotLive ignored -> memory.forget(callId);
                case JoinOutcome.Full ignored -> { }
            }
            return outcome;
        }, () -> degraded(callId, () -> memory.join(callId, participant, now)));
    }

    /** Removes the participant if {@code connectionId} is still its connection; the call afterwards, if it did. */
    public Optional<LiveCall> leave(UUID callId, UUID userId, UUID connectionId) {
        return RedisAvailability.call(guard, () -> remembered(redis.leave(callId, userId, connectionId)),
                () -> degraded(callId, () -> memory.leave(callId, userId, connectionId)));
    }

    public Optional<LiveCall> decline(UUID callId, UUID userId) {
        return RedisAvailability.call(guard, () -> remembered(redis.decline(callId, userId)),
                () -> degraded(callId, () -> memory.decline(callId, userId)));
    }

    /** Ends the live state; with {@code onlyIfEmpty} only when nobody is in the call. The removed call, if it was. */
    public Optional<LiveCall> remove(UUID callId, boolean onlyIfEmpty) {
        return RedisAvailability.call(guard, () -> {
            Optional<LiveCall> removed = redis.remove(callId, onlyIfEmpty);
            if (removed.isPresent() || !onlyIfEmpty) {
                memory.forget(callId);
            }
            return removed;
        }, () -> {
            Optional<LiveCall> removed = memory.remove(callId, onlyIfEmpty);
            removed.ifPresent(call -> removedWhileDegraded.add(callId));
            return removed;
        });
    }

    /** The ids of all live calls; while Redis is healthy also drops memory copies of calls that ended elsewhere. */
    public Set<UUID> liveCallIds() {
        return RedisAvailability.call(guard, () -> {
            Set<UUID> live = redis.liveCallIds();
            if (!writeBackPending) {
                memory.retainOnly(live);
            }
            return live;
        }, memory::callIds);
    }

    public void forgetExpired(UUID callId) {
        RedisAvailability.run(guard, () -> redis.forgetExpired(callId), () -> { });
        memory.forget(callId);
    }

    /** This instance is alive; participants of instances that stop saying so are orphans. */
    public void heartbeat() {
        RedisAvailability.run(guard, () -> redis.heartbeat(instanceId, properties.instanceTtl()), () -> { });
    }

    public void forgetThisInstance() {
        RedisAvailability.run(guard, () -> redis.forgetInstance(instanceId), () -> { });
    }

    /** Whether the instance still runs; while degraded nothing can be known about others, so they count as alive. */
    public boolean isInstanceAlive(String otherInstance) {
        return instanceId.equals(otherInstance) || RedisAvailability.call(guard, () -> redis.isInstanceAlive(otherInstance), () -> true);
    }

    @Override
    public void onDegraded() {
        writeBackPending = true;
    }

    @Override
    public void onRecovered() {
        Thread.ofVirtual().name("video-write-back").start(this::writeBack);
    }

    /** Puts what happened while Redis was away back into Redis: removed calls go, served calls are restored. */
    void writeBack() {
        int removed = 0;
        int restored = 0;
        try {
            for (UUID callId : Set.copyOf(removedWhileDegraded)) {
                redis.remove(callId, false);
                removedWhileDegraded.remove(callId);
                removed++;
            }
            for (UUID callId : memory.callIds()) {
                Optional<LiveCall> call = memory.find(callId);
                if (call.isPresent() && (changedWhileDegraded.contains(callId) || servesAnyone(call.get()))) {
                    redis.restore(call.get(), instanceId);
                    restored++;
                }
                changedWhileDegraded.remove(callId);
            }
            redis.heartbeat(instanceId, properties.instanceTtl());
            writeBackPending = false;
            log.info("Redis back: wrote {} live calls back, removed {} that ended meanwhile", restored, removed);
        } catch (RuntimeException e) {
            log.warn("Writing live calls back to Redis failed; the next recovery retries", e);
            guard.reportFailure(e);
        }
    }

    /**
     * Between Redis coming back and the write-back finishing, a call that only memory knows is written back on
     * first use, so it is not mistaken for an ended one.
     */
    private boolean restoredBeforeWriteBack(UUID callId) {
        if (!writeBackPending || removedWhileDegraded.contains(callId)) {
            return false;
        }
        Optional<LiveCall> call = memory.find(callId);
        call.ifPresent(known -> redis.restore(known, instanceId));
        return call.isPresent();
    }

    private boolean servesAnyone(LiveCall call) {
        return call.participants().values().stream().anyMatch(p -> p.instanceId().equals(instanceId));
    }

    private Optional<LiveCall> remembered(Optional<LiveCall> call) {
        call.ifPresent(memory::put);
        return call;
    }

    private <T> T degraded(UUID callId, Supplier<T> change) {
        changedWhileDegraded.add(callId);
        return change.get();
    }
}
