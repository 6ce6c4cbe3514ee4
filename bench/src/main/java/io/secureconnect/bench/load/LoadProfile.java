package io.secureconnect.bench.load;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard and how long an {@link OpenModelLoad} pushes. The rate is an arrival rate: requests start on schedule
 * whatever the system under test does, so a slow system faces a growing number of outstanding requests instead of a
 * politely slower client.
 *
 * @param ratePerSecond intended request starts per second
 * @param duration      the measured phase
 * @param warmup        a phase before the measured one, at the same rate, whose numbers are discarded (JIT, pools)
 * @param maxInFlight   outstanding requests allowed at once; an arrival beyond it is dropped and counted, never delayed
 * @param timeout       per request, counted from its intended start; a request that takes longer is a timeout
 */
public record LoadProfile(double ratePerSecond, Duration duration, Duration warmup, int maxInFlight, Duration timeout) {

    /** The histograms track up to 60 s; a longer timeout could not be recorded faithfully. */
    static final Duration LONGEST_TIMEOUT = Duration.ofSeconds(60);

    public static final LoadProfile DEFAULTS =
            new LoadProfile(100, Duration.ofSeconds(30), Duration.ofSeconds(5), 1_000, Duration.ofSeconds(5));

    public LoadProfile {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(timeout, "timeout");
        require(ratePerSecond > 0 && ratePerSecond <= 1_000_000, "rate must be > 0 and <= 1000000 per second");
        require(duration.isPositive(), "duration must be positive");
        require(!warmup.isNegative(), "warmup must not be negative");
        require(maxInFlight >= 1, "max in flight must be at least 1");
        require(timeout.isPositive() && timeout.compareTo(LONGEST_TIMEOUT) <= 0, "timeout must be > 0 and <= 60s");
    }

    public LoadProfile withRate(double rate) {
        return new LoadProfile(rate, duration, warmup, maxInFlight, timeout);
    }

    public LoadProfile withDuration(Duration newDuration) {
        return new LoadProfile(ratePerSecond, newDuration, warmup, maxInFlight, timeout);
    }

    public LoadProfile withWarmup(Duration newWarmup) {
        return new LoadProfile(ratePerSecond, duration, newWarmup, maxInFlight, timeout);
    }

    public LoadProfile withMaxInFlight(int newMaxInFlight) {
        return new LoadProfile(ratePerSecond, duration, warmup, newMaxInFlight, timeout);
    }

    public LoadProfile withTimeout(Duration newTimeout) {
        return new LoadProfile(ratePerSecond, duration, warmup, maxInFlight, newTimeout);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
