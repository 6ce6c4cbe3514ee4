package io.secureconnect.bench.load;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of a latency histogram, in milliseconds (the histogram records microseconds, so three decimals carry
 * all of its precision). All zeros when {@code count} is zero.
 */
public record LatencyStats(long count, double p50, double p90, double p95, double p99, double p999, double max,
                           double mean) {

    public static final LatencyStats EMPTY = new LatencyStats(0, 0, 0, 0, 0, 0, 0, 0);

    static LatencyStats ofMicros(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return EMPTY;
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
