package io.secureconnect.bench.chat;

import java.time.Duration;
import java.util.BitSet;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The one sender of the fan-out: sends {@code send} frames on an open-model schedule (message {@code i} is due at
 * {@code origin + i / rate}, whatever the server does; a late send keeps its due time, so queueing shows in the
 * latencies) and tracks the {@code ack}s, whose sequence numbers are the ones every member must receive. Its socket
 * is also a member's, so frames other than acks and errors go to its own {@link FanoutReceiver}.
 */
final class FanoutSender implements BenchSocket.Handler {

    /** How long one send may wait for the server to read (it reads a socket's frames one after the other). */
    private static final Duration SEND_PATIENCE = Duration.ofSeconds(120);

    private final UUID conversationId;
    private final FanoutReceiver receiver;
    private final double ratePerSecond;
    private volatile long originNanos;
    private volatile long measureFromNanos;
    private final BitSet acknowledged = new BitSet();
    private final Map<String, Long> errors = new ConcurrentHashMap<>();
    private final Histogram ackMicros = Histograms.micros();
    private final Histogram sendLagMicros = Histograms.micros();
    private long acks;
    private long dropped;
    private volatile BenchSocket socket;

    FanoutSender(UUID conversationId, FanoutReceiver receiver, double ratePerSecond) {
        this.conversationId = conversationId;
        this.receiver = receiver;
        this.ratePerSecond = ratePerSecond;
    }

    /** The socket to send on, message 0's due time, and the start of the measured phase. */
    void schedule(BenchSocket socket, long originNanos, long measureFromNanos) {
        this.socket = socket;
        this.originNanos = originNanos;
        this.measureFromNanos = measureFromNanos;
    }

    long dueNanos(long index) {
        return originNanos + Math.round(index * 1e9 / ratePerSecond);
    }

    /**
     * Sends messages 0 .. count-1 on schedule; returns how many were handed to the network. A message that falls due
     * while {@code maxInFlight} sent ones await their ack is dropped (counted, never sent late), as the suite's open
     * model does, so a server that cannot keep up faces a bounded backlog and the run ends on time.
     */
    long sendAll(long count, int maxInFlight) {
        long sent = 0;
        for (long i = 0; i < count; i++) {
            long due = dueNanos(i);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (sent - acks() - errorCount() >= maxInFlight) {
                dropped++;
                continue;
            }
            long lag = System.nanoTime() - due;
            if (due >= measureFromNanos) {
                Histograms.recordNanos(sendLagMicros, Math.max(lag, 1_000));
            }
            try {
                socket.send("{\"type\":\"send\",\"conversationId\":\"" + conversationId + "\",\"clientId\":\"f" + i
                        + "\",\"body\":\"" + FanoutReceiver.body(due) + "\"}", SEND_PATIENCE);
                sent++;
            } catch (RuntimeException e) {
                // the socket is gone (or aborted after a send the server did not take within the patience)
                errors.merge("sender socket lost: " + SocketFleet.describe(e), 1L, Long::sum);
                break;
            }
        }
        return sent;
    }

    @Override
    public void frame(String text, long receivedNanos) {
        switch (Frames.type(text)) {
            case "ack" -> acked(text, receivedNanos);
            case "error" -> errors.merge(String.valueOf(Frames.text(text, "code")), 1L, Long::sum);
            default -> receiver.frame(text, receivedNanos);
        }
    }

    private void acked(String text, long receivedNanos) {
        long seq = Frames.number(text, "seq");
        String clientId = Frames.text(text, "clientId");
        synchronized (acknowledged) {
            acks++;
            if (seq > 0) {
                acknowledged.set((int) seq);
            }
            if (clientId != null && clientId.startsWith("f")) {
                long due = dueNanos(Long.parseLong(clientId.substring(1)));
                if (due >= measureFromNanos) {
                    Histograms.recordNanos(ackMicros, receivedNanos - due);
                }
            }
        }
    }

    BitSet acknowledged() {
        synchronized (acknowledged) {
            return (BitSet) acknowledged.clone();
        }
    }

    long acks() {
        synchronized (acknowledged) {
            return acks;
        }
    }

    /** Messages not sent because too many were awaiting their ack (written and read by the sending thread). */
    long dropped() {
        return dropped;
    }

    Map<String, Long> errors() {
        return Map.copyOf(errors);
    }

    long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Send→ack latency of the measured phase's messages. */
    Histogram ackMicros() {
        synchronized (acknowledged) {
            return ackMicros.copy();
        }
    }

    /** How late the sender itself handed frames to the socket (the client's own share of the latency). */
    Histogram sendLagMicros() {
        return sendLagMicros.copy();
    }
}
