package io.secureconnect.video.recovery;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.secureconnect.video.VideoProperties;
import io.secureconnect.video.call.CallMetrics;
import io.secureconnect.video.call.Calls;
import io.secureconnect.video.live.CallLog;
import io.secureconnect.video.live.LiveCall;
import io.secureconnect.video.live.LiveCalls;
import io.secureconnect.video.live.Participant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps calls alive across restarts and lost connections. At startup the live calls in Redis are taken up
 * ({@code calls_recovered_total}); then, every sweep, a participant whose connection is gone (its socket here
 * closed without {@code leave}, or its instance stopped heartbeating) is an orphan: it has the reconnect window to
 * connect again (the newer connection replaces its entry), after which it is removed and the others are told. The
 * sweep also ends calls that rang unanswered for too long. Any instance may sweep any call: removal compares the
 * connection id, so two instances never both remove, and never remove a participant that came back.
 */
@Component
class CallRecovery {

    private static final Logger log = LoggerFactory.getLogger(CallRecovery.class);

    private final LiveCalls live;
    private final OpenConnections local;
    private final Calls calls;
    private final CallMetrics metrics;
    private final VideoProperties properties;
    private final Clock clock;
    /** Orphaned connections and when their reconnect window closes. */
    private final Map<UUID, Instant> deadlines = new ConcurrentHashMap<>();
    private volatile boolean recovered;

    CallRecovery(LiveCalls live, OpenConnections local, Calls calls, CallMetrics metrics, VideoProperties properties,
                 Clock clock) {
        this.clock = clock;
        this.live = live;
        this.local = local;
        this.calls = calls;
        this.metrics = metrics;
        this.properties = properties;
    }

    /**
     * Takes up the live calls at startup; if Redis cannot answer then (it may just be slow under a starting machine's
     * load), the next sweeps try again until it does, so no call is missed.
     */
    @EventListener(ApplicationReadyEvent.class)
    synchronized void recoverAtStartup() {
        if (recovered) {
            return; // the first sweep may run before the ready event
        }
        long started = System.nanoTime();
        live.heartbeat();
        Optional<Map<UUID, LiveCall>> found = live.allInRedis();
        if (found.isEmpty()) {
            log.warn("Redis cannot answer: live calls are taken up as soon as it does");
            return;
        }
        recovered = true;
        Map<UUID, LiveCall> calls = found.get();
        calls.values().forEach(call -> CallLog.event(call.id(), "recovered",
                "taken up after a restart with {} participants who have {} s to reconnect",
                call.participants().size(), properties.reconnectWindow().toSeconds()));
        metrics.recovered(calls.size());
        log.info("Recovered {} live calls from Redis in {} ms", calls.size(), (System.nanoTime() - started) / 1_000_000);
    }

    @Scheduled(fixedDelayString = "${secureconnect.video.sweep-interval:2s}",
            initialDelayString = "${secureconnect.video.sweep-interval:2s}")
    void sweep() {
        if (!recovered && !live.isDegraded()) {
            recoverAtStartup();
        }
        live.heartbeat();
        Instant now = clock.instant();
        Map<String, Boolean> instancesAlive = new HashMap<>();
        Set<UUID> stillOrphaned = ConcurrentHashMap.newKeySet();
        Set<UUID> ids = live.liveCallIds();
        Map<UUID, LiveCall> calls = live.findAll(ids);
        ids.stream().filter(id -> !calls.containsKey(id)).forEach(live::forgetExpired);
        for (LiveCall call : calls.values()) {
            try {
                sweep(call, now, instancesAlive, stillOrphaned);
            } catch (RuntimeException e) {
                log.warn("Sweeping call {} failed: {}", call.id(), e.toString());
            }
        }
        deadlines.keySet().retainAll(stillOrphaned);
    }

    private void sweep(LiveCall call, Instant now, Map<String, Boolean> instancesAlive, Set<UUID> stillOrphaned) {
        UUID callId = call.id();
        if (call.isRinging() && call.participants().size() < 2
                && call.meta().createdAt().plus(properties.ringTimeout()).isBefore(now)) {
            CallLog.event(callId, "missed", "nobody answered within {} s", properties.ringTimeout().toSeconds());
            calls.ringingTimedOut(call);
            return;
        }
        for (Participant participant : call.participants().values()) {
            if (!isOrphan(callId, participant, instancesAlive)) {
                continue;
            }
            stillOrphaned.add(participant.connectionId());
            Instant deadline = deadlines.computeIfAbsent(participant.connectionId(),
                    id -> now.plus(properties.reconnectWindow()));
            if (!now.isBefore(deadline)) {
                CallLog.event(callId, "dropped", "participant {} did not reconnect within {} s",
                        participant.userId(), properties.reconnectWindow().toSeconds());
                calls.leave(callId, participant.userId(), participant.connectionId(), "dropped");
                stillOrphaned.remove(participant.connectionId());
            }
        }
    }

    private boolean isOrphan(UUID callId, Participant participant, Map<String, Boolean> instancesAlive) {
        if (participant.instanceId().equals(live.instanceId())) {
            return !local.serves(callId, participant.userId(), participant.connectionId());
        }
        return !instancesAlive.computeIfAbsent(participant.instanceId(), live::isInstanceAlive);
    }

    /** A clean stop says so at once, so other instances need not wait for the heartbeat to expire. */
    @EventListener(ContextClosedEvent.class)
    void stopping() {
        live.forgetThisInstance();
    }
}
