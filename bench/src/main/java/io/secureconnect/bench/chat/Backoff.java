package io.secureconnect.bench.chat;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The reconnect delay docs/chat-protocol.md asks clients for: full jitter,
 * {@code random(0, min(cap, base × 2^attempt))} before attempt number {@code attempt} (0 for the first), so clients
 * dropped together come back spread out.
 */
record Backoff(Duration base, Duration cap) {

    static final Backoff PROTOCOL = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));

    /** The ceiling of the delay before attempt {@code attempt}. */
    long ceilingMillis(int attempt) {
        long ceiling = base.toMillis() << Math.min(attempt, 30);
        return Math.min(cap.toMillis(), ceiling < 0 ? Long.MAX_VALUE : ceiling);
    }

    /** A delay drawn uniformly from 0 to the ceiling, both included. */
    long delayMillis(int attempt, RandomGenerator random) {
        return random.nextLong(ceilingMillis(attempt) + 1);
    }
}
