package io.secureconnect.chat.realtime;

import java.util.concurrent.TimeUnit;

/**
 * A token bucket per connection for inbound frames. Frames over the rate are refused one by one; a client that
 * keeps flooding ({@code floodLimit} refusals within ten seconds) is disconnected. Used only from the thread that
 * reads the socket, so it needs no locking.
 */
final class InboundRateLimit {

    private static final long FLOOD_WINDOW = TimeUnit.SECONDS.toNanos(10);

    private final double perNano;
    private final int burst;
    private final int floodLimit;
    private double tokens;
    private long refilledAt = System.nanoTime();
    private long windowStart = refilledAt;
    private int refusedInWindow;

    InboundRateLimit(int framesPerSecond, int burst, int floodLimit) {
        this.perNano = framesPerSecond / 1e9;
        this.burst = burst;
        this.floodLimit = floodLimit;
        this.tokens = burst;
    }

    enum Verdict { ALLOW, REFUSE, DISCONNECT }

    Verdict take() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - refilledAt) * perNano);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return Verdict.ALLOW;
        }
        if (now - windowStart > FLOOD_WINDOW) {
            windowStart = now;
            refusedInWindow = 0;
        }
        return ++refusedInWindow >= floodLimit ? Verdict.DISCONNECT : Verdict.REFUSE;
    }

    /** How long until the next frame would be taken, after a refusal. */
    long millisUntilNextFrame() {
        return (long) Math.ceil((1 - tokens) / perNano / 1e6);
    }
}
