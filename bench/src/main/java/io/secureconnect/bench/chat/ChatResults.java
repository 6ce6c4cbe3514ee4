package io.secureconnect.bench.chat;

import io.secureconnect.bench.load.LatencyStats;
import io.secureconnect.bench.load.LoadOutcome;
import io.secureconnect.bench.load.LoadProfile;
import io.secureconnect.bench.report.BenchmarkResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Turns what a chat benchmark counted into the suite's result rows (one table row per measurement), and records
 * the machine's load, which the report must show because other work shares the cores.
 */
final class ChatResults {

    private ChatResults() {
    }

    /**
     * One row: {@code scheduled} operations intended, {@code ok} of them succeeded, {@code errors} by kind, latency
     * from the histogram, rates over {@code seconds}.
     */
    static BenchmarkResult row(String label, String target, LoadProfile load, long scheduled, long ok,
                               Map<String, Long> errors, Histogram latencyMicros, double seconds,
                               long warmupOperations) {
        return row(label, target, load, scheduled, ok, errors, 0, latencyMicros, seconds, warmupOperations);
    }

    /** Same, with operations that were never attempted because too many were outstanding. */
    static BenchmarkResult row(String label, String target, LoadProfile load, long scheduled, long ok,
                               Map<String, Long> errors, long dropped, Histogram latencyMicros, double seconds,
                               long warmupOperations) {
        long failed = errors.values().stream().mapToLong(Long::longValue).sum();
        long completed = ok + failed;
        LatencyStats latency = Histograms.stats(latencyMicros);
        return new BenchmarkResult(label, target, load, new LoadOutcome(scheduled, completed, ok, failed, dropped,
                errors, Map.of(), latency, perSecond(completed, seconds), perSecond(ok, seconds), LatencyStats.EMPTY,
                warmupOperations));
    }

    static double perSecond(long count, double seconds) {
        return seconds <= 0 ? 0 : Math.round(count / seconds * 100) / 100.0;
    }

    /** A rate as typed: {@code 1000}, {@code 12.5}. */
    static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** {@code /proc/loadavg}'s 1, 5 and 15 minute load averages, e.g. "6.21 5.61 3.14". */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String loadNote(String before, String after) {
        return "Machine load average (1/5/15 min) before the run: " + before + "; after: " + after
                + ". The 2 cores were shared with other agents' builds and tests during the run, so these figures "
                + "are for a busy machine.";
    }
}
