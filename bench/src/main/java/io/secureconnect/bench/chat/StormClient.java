package io.secureconnect.bench.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One device of the reconnect storm, behaving as docs/chat-protocol.md asks: when its socket drops it reconnects
 * with jittered exponential backoff, then sends {@code sync} with the last sequence number it holds of its group.
 * It records when it was back ({@code ready}), when the server answered the sync ({@code synced}) and when each
 * sequence number first arrived, so "caught up to seq n" can be dated afterwards.
 */
final class StormClient implements BenchSocket.Handler {

    /** Counters shared by every client of a storm. */
    record Shared(AtomicLong presenceFrames, AtomicLong attempts, Map<String, Long> failures,
                  Map<String, Long> errorFrames, Heartbeats heartbeats) {
        Shared(Heartbeats heartbeats) {
            this(new AtomicLong(), new AtomicLong(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), heartbeats);
        }
    }

    private final UUID group;
    private final HttpClient client;
    private final URI uri;
    private final String token;
    private final Backoff backoff;
    private final Shared shared;
    private final DeliveryLedger ledger = new DeliveryLedger();
    private final Map<Long, Long> firstArrivalNanos = new ConcurrentHashMap<>();
    private volatile BenchSocket socket;
    private volatile long droppedAtNanos;
    private volatile long readyAtNanos;
    private volatile long syncedAtNanos;
    private volatile int reconnectAttempts;
    private volatile boolean stopped;

    StormClient(UUID group, HttpClient client, URI uri, String token, Backoff backoff, Shared shared) {
        this.group = group;
        this.client = client;
        this.uri = uri;
        this.token = token;
        this.backoff = backoff;
        this.shared = shared;
    }

    String token() {
        return token;
    }

    /** Takes a socket opened for it and reconnects by itself whenever that socket ends. */
    void attach(BenchSocket opened) {
        socket = opened;
        if (shared.heartbeats() != null) {
            shared.heartbeats().add(opened);
        }
        opened.closed().whenComplete((code, failure) -> {
            if (!stopped) {
                droppedAtNanos = System.nanoTime();
                Thread.ofVirtual().name("reconnect").start(this::reconnect);
            }
        });
    }

    private void reconnect() {
        for (int attempt = 0; !stopped; attempt++) {
            try {
                Thread.sleep(backoff.delayMillis(attempt, ThreadLocalRandom.current()));
                shared.attempts().incrementAndGet();
                reconnectAttempts = attempt + 1;
                BenchSocket fresh = BenchSocket.connect(client, uri, token, this, Duration.ofSeconds(10)).join();
                fresh.send("{\"type\":\"sync\",\"after\":{\"" + group + "\":" + ledger.contiguous() + "}}");
                attach(fresh);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                shared.failures().merge(SocketFleet.describe(e), 1L, Long::sum);
            }
        }
    }

    @Override
    public void frame(String text, long receivedNanos) {
        switch (Frames.type(text)) {
            case "message" -> {
                long seq = Frames.number(text, "seq");
                if (seq > 0 && ledger.record(seq)) {
                    firstArrivalNanos.putIfAbsent(seq, receivedNanos);
                }
            }
            case "ready" -> readyAtNanos = receivedNanos;
            case "synced" -> syncedAtNanos = receivedNanos;
            case "presence" -> shared.presenceFrames().incrementAndGet();
            case "error" -> shared.errorFrames().merge(String.valueOf(Frames.text(text, "code")), 1L, Long::sum);
            default -> {
            }
        }
    }

    /**
     * When this client was back after {@code droppedAfter} and held every seq up to {@code target}: its ready,
     * its synced and the arrival of each of those seqs, whichever came last. -1 while it is not there yet.
     */
    long caughtUpAtNanos(long droppedAfter, long target) {
        long ready = readyAtNanos;
        long synced = syncedAtNanos;
        if (ready < droppedAfter || synced < droppedAfter || ledger.contiguous() < target) {
            return -1;
        }
        long last = Math.max(ready, synced);
        for (long seq = 1; seq <= target; seq++) {
            last = Math.max(last, firstArrivalNanos.getOrDefault(seq, Long.MAX_VALUE));
        }
        return last;
    }

    long readyAtNanos() {
        return readyAtNanos;
    }

    DeliveryLedger ledger() {
        return ledger;
    }

    UUID group() {
        return group;
    }

    int reconnectAttempts() {
        return reconnectAttempts;
    }

    void stop() {
        stopped = true;
        BenchSocket current = socket;
        if (current != null) {
            current.abort();
        }
    }
}
