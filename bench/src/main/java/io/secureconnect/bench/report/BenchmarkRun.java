package io.secureconnect.bench.report;

import java.time.Instant;
import java.util.List;

/**
 * Everything one invocation of a benchmark produced, as written to {@code results/<benchmark>-<timestamp>.json}.
 *
 * @param benchmark   the registered name
 * @param arguments   the command line after the name, so the run can be repeated
 * @param notes       the benchmark's reading of its results (e.g. "the gateway adds 0.4 ms at p50")
 */
public record BenchmarkRun(String benchmark, String description, List<String> arguments, Instant startedAt,
                           Instant finishedAt, MachineFacts machine, List<BenchmarkResult> results,
                           List<String> notes) {

    public BenchmarkRun {
        arguments = List.copyOf(arguments);
        results = List.copyOf(results);
        notes = List.copyOf(notes);
    }
}
