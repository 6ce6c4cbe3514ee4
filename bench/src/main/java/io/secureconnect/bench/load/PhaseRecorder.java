package io.secureconnect.bench.load;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Counts and latencies of the requests whose intended start fell in one phase (warmup or measured). Not thread-safe:
 * {@link OpenModelLoad} guards it with the lock of its run.
 */
final class PhaseRecorder {

    private static final long HIGHEST_MICROS = 60_000_000L;

    /** 1 µs to 60 s at 3 significant digits: enough for any timeout a {@link LoadProfile} allows. */
    static Histogram newMicrosHistogram() {
        return new Histogram(1, HIGHEST_MICROS, 3);
    }

    static void recordNanos(Histogram micros, long nanos) {
        micros.recordValue(Math.clamp(nanos / 1_000, 0, HIGHEST_MICROS));
    }

    private final Histogram latencyMicros = newMicrosHistogram();
    private final Map<FailureKind, Long> failures = new EnumMap<>(FailureKind.class);
    private final Map<Integer, Long> statuses = new TreeMap<>();
    private long arrivals;
    private long dropped;
    private long ok;
    private long lastCompletionNanos;

    void arrival() {
        arrivals++;
    }

    void drop() {
        dropped++;
    }

    long arrivals() {
        return arrivals;
    }

    void success(long latencyNanos, long completedAt) {
        ok++;
        completed(latencyNanos, completedAt);
    }

    void failure(Throwable cause, long latencyNanos, long completedAt) {
        FailureKind kind = FailureKind.of(cause);
        if (kind == FailureKind.NON_2XX && cause instanceof UnexpectedStatusException status) {
            statuses.merge(status.status(), 1L, Long::sum);
        }
        failure(kind, latencyNanos, completedAt);
    }

    void timeout(long latencyNanos, long completedAt) {
        failure(FailureKind.TIMEOUT, latencyNanos, completedAt);
    }

    private void failure(FailureKind kind, long latencyNanos, long completedAt) {
        failures.merge(kind, 1L, Long::sum);
        completed(latencyNanos, completedAt);
    }

    private void completed(long latencyNanos, long completedAt) {
        recordNanos(latencyMicros, latencyNanos);
        lastCompletionNanos = Math.max(lastCompletionNanos, completedAt);
    }

    /**
     * Throughput is divided by the nominal duration, or by the time until the last completion when that is longer,
     * so a stall at the end lowers it instead of disappearing.
     */
    LoadOutcome outcome(long phaseStartNanos, long durationNanos, Histogram startLagMicros, long warmupArrivals) {
        Map<String, Long> errors = new LinkedHashMap<>();
        for (FailureKind kind : FailureKind.values()) {
            errors.put(kind.label(), failures.getOrDefault(kind, 0L));
        }
        Map<String, Long> errorStatuses = new LinkedHashMap<>();
        statuses.forEach((status, count) -> errorStatuses.put(String.valueOf(status), count));
        long failed = errors.values().stream().mapToLong(Long::longValue).sum();
        long completed = ok + failed;
        double seconds = Math.max(durationNanos, lastCompletionNanos - phaseStartNanos) / 1e9;
        return new LoadOutcome(arrivals, completed, ok, failed, dropped, errors, errorStatuses,
                LatencyStats.ofMicros(latencyMicros), perSecond(completed, seconds), perSecond(ok, seconds),
                LatencyStats.ofMicros(startLagMicros), warmupArrivals);
    }

    private static double perSecond(long count, double seconds) {
        return Math.round(count / seconds * 100) / 100.0;
    }
}
