package io.secureconnect.chat.realtime;

/**
 * A token bucket per connection for inbound frames. Frames over the rate are refused one by one; a client that
 * keeps flooding ({@code floodLimit} refusals without the bucket refilling in between) is disconnected.
 * Used only from the thread that reads the socket, so it needs no locking.
 */
final class InboundRateLimit {

    private final double perNano;
    private final int burst;
    private final int floodLimit;
    private double tokens;
    private long refilledAt = System.nanoTime();
    private int refusedInARow;

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
            refusedInARow = 0;
            return Verdict.ALLOW;
        }
        return ++refusedInARow >= floodLimit ? Verdict.DISCONNECT : Verdict.REFUSE;
    }
}
