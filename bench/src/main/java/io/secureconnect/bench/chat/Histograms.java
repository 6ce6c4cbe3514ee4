package io.secureconnect.bench.chat;

import io.secureconnect.bench.load.LatencyStats;
import java.util.Collection;
import org.HdrHistogram.Histogram;

/** Latency histograms in microseconds (1 µs to 10 min), and their summary in milliseconds for the report. */
final class Histograms {

    private static final long HIGHEST_MICROS = 600_000_000L;

    private Histograms() {
    }

    static Histogram micros() {
        return new Histogram(1, HIGHEST_MICROS, 3);
    }

    static void recordNanos(Histogram histogram, long nanos) {
        histogram.recordValue(Math.clamp(nanos / 1_000, 1, HIGHEST_MICROS));
    }

    static Histogram merge(Collection<Histogram> parts) {
        Histogram all = micros();
        parts.forEach(all::add);
        return all;
    }

    static LatencyStats stats(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return LatencyStats.EMPTY;
        }
        return new LatencyStats(micros.getTotalCount(),
                millis(micros.getValueAtPercentile(50)),
                millis(micros.getValueAtPercentile(90)),
                millis(micros.getValueAtPercentile(95)),
                millis(micros.getValueAtPercentile(99)),
                millis(micros.getValueAtPercentile(99.9)),
                millis(micros.getMaxValue()),
                Math.round(micros.getMean()) / 1000.0);
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
