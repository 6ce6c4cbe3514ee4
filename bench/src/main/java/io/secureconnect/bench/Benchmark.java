package io.secureconnect.bench;

import io.secureconnect.bench.report.BenchmarkResult;
import java.util.List;
import java.util.Map;

/**
 * A named measurement that {@code bench/run <name>} can start. To add one: implement this interface (usually with
 * {@link BenchContext#measure} once per target or rate) and list the class in {@link Benchmarks}.
 */
public interface Benchmark {

    /** The name on the command line and in result file names: lower-case, dashes. */
    String name();

    /** One sentence for {@code --list} and the report's heading. */
    String description();

    /**
     * Options this benchmark reads besides the common load options, as option name (without {@code --}) to help
     * text. Any other option on the command line is rejected, so a typo never silently runs the defaults.
     */
    default Map<String, String> options() {
        return Map.of();
    }

    /**
     * Measures and returns one result per target or setting. Throw {@link BenchmarkFailure} with a message for the
     * user when something it needs is missing (a target does not answer).
     */
    List<BenchmarkResult> run(BenchContext context) throws Exception;

    /** What the results mean, in a sentence or two for the report (e.g. a difference between two targets). */
    default List<String> notes(List<BenchmarkResult> results) {
        return List.of();
    }
}
