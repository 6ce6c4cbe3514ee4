package io.secureconnect.video.signaling;

/**
 * A token bucket per connection: {@code perSecond} frames sustained, {@code burst} at once. Signaling is bursty
 * (a dozen ICE candidates right after an offer) but never a stream; a client beyond the budget is flooding.
 */
final class FrameBudget {

    private final double perNano;
    private final double burst;
    private double tokens;
    private long last = System.nanoTime();

    FrameBudget(int perSecond, int burst) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
    }

    synchronized boolean tryTake() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens < 1) {
            return false;
        }
        tokens--;
        return true;
    }
}
