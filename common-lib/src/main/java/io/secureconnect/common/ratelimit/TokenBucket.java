package io.secureconnect.common.ratelimit;

/**
 * A token bucket: {@code perSecond} tokens sustained, at most {@code capacity} saved up for a burst. Time is passed
 * in (as {@link System#nanoTime()} readings) rather than read here, so callers that hold many buckets read the clock
 * once and tests move it at will.
 */
public final class TokenBucket {

    private final double perNano;
    private final double capacity;
    private double tokens;
    private long refilledAt;

    /** A full bucket at {@code now}. */
    public TokenBucket(double perSecond, double capacity, long now) {
        if (perSecond <= 0 || capacity < 1) {
            throw new IllegalArgumentException("A bucket needs a positive rate and room for one token");
        }
        this.perNano = perSecond / 1e9;
        this.capacity = capacity;
        this.tokens = capacity;
        this.refilledAt = now;
    }

    /** Takes one token if there is one. */
    public synchronized boolean tryTake(long now) {
        refill(now);
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** Whole tokens left. */
    public synchronized long available(long now) {
        refill(now);
        return (long) tokens;
    }

    /** How long until the next token, in milliseconds (0 when one is there). */
    public synchronized long millisUntilNext(long now) {
        refill(now);
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perNano / 1e6);
    }

    /** Full again: nothing is lost by forgetting it. */
    public synchronized boolean isFull(long now) {
        refill(now);
        return tokens >= capacity;
    }

    private void refill(long now) {
        tokens = Math.min(capacity, tokens + Math.max(0, now - refilledAt) * perNano);
        refilledAt = now;
    }
}
