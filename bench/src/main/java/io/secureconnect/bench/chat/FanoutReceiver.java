package io.secureconnect.bench.chat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;

/**
 * One member's socket in the fan-out: records each {@code message} frame in its {@link DeliveryLedger} and, the
 * first time a sequence number arrives, its send→deliver latency from the send time the sender wrote into the body
 * (same JVM, so the same {@code nanoTime} clock). Only messages meant to be sent in the measured phase count toward
 * latency; every message counts toward loss.
 */
final class FanoutReceiver implements BenchSocket.Handler {

    static final String BODY_PREFIX = "fanout ";

    private volatile long measureFromNanos;
    private final DeliveryLedger ledger = new DeliveryLedger();
    private final Histogram latencyMicros = Histograms.micros();
    private final Map<String, Long> otherFrames = new ConcurrentHashMap<>();

    FanoutReceiver(long measureFromNanos) {
        this.measureFromNanos = measureFromNanos;
    }

    /** Sets the start of the measured phase (before the first message is sent). */
    void measureFrom(long nanos) {
        this.measureFromNanos = nanos;
    }

    static String body(long intendedSendNanos) {
        return BODY_PREFIX + intendedSendNanos;
    }

    @Override
    public void frame(String text, long receivedNanos) {
        String type = Frames.type(text);
        if (!type.equals("message")) {
            otherFrames.merge(type, 1L, Long::sum);
            return;
        }
        long seq = Frames.number(text, "seq");
        if (seq < 1 || !ledger.record(seq)) {
            return;
        }
        String body = Frames.text(text, "body");
        if (body != null && body.startsWith(BODY_PREFIX)) {
            long sent = Long.parseLong(body.substring(BODY_PREFIX.length()));
            if (sent >= measureFromNanos) {
                synchronized (latencyMicros) {
                    Histograms.recordNanos(latencyMicros, receivedNanos - sent);
                }
            }
        }
    }

    DeliveryLedger ledger() {
        return ledger;
    }

    Histogram latencyMicros() {
        synchronized (latencyMicros) {
            return latencyMicros.copy();
        }
    }

    /** Frames other than {@code message} (ready, presence, ack, error ...), by type. */
    Map<String, Long> otherFrames() {
        return Map.copyOf(otherFrames);
    }
}
