package io.secureconnect.bench.report;

import io.secureconnect.bench.load.DurationText;
import io.secureconnect.bench.load.LatencyStats;
import io.secureconnect.bench.load.LoadOutcome;
import io.secureconnect.bench.load.LoadProfile;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A run as a markdown page: context first (machine, load), then one table row per result, then the notes. */
public final class MarkdownReport {

    /** A generator more than this late at p99 was itself a bottleneck, which the reader should know. */
    private static final double START_LAG_WARNING_MILLIS = 5;

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private MarkdownReport() {
    }

    public static String render(BenchmarkRun run) {
        StringBuilder page = new StringBuilder();
        page.append("# Benchmark `").append(run.benchmark()).append("`\n\n");
        page.append(run.description()).append("\n\n");
        MachineFacts machine = run.machine();
        page.append("- Run: ").append(TIME.format(run.startedAt().truncatedTo(ChronoUnit.SECONDS)))
                .append(", took ").append(run.finishedAt().getEpochSecond() - run.startedAt().getEpochSecond())
                .append(" s\n");
        page.append("- Machine: ").append(machine.cores()).append(" cores, Java ").append(machine.javaVersion())
                .append(" (").append(machine.javaVm()).append("), ").append(machine.os()).append(' ')
                .append(machine.arch()).append(", max heap ").append(machine.maxHeapMb()).append(" MB\n");
        page.append("- Load: ").append(loads(run.results())).append('\n');
        page.append("- Command: `bench/run ").append(run.benchmark());
        run.arguments().forEach(argument -> page.append(' ').append(argument));
        page.append("`\n\n");
        page.append(table(run.results()));
        page.append('\n');
        for (BenchmarkResult result : run.results()) {
            page.append("- `").append(result.label()).append("`: ").append(result.target()).append('\n');
        }
        List<String> notes = new ArrayList<>(run.notes());
        notes.addAll(startLagWarnings(run.results()));
        if (!notes.isEmpty()) {
            page.append('\n')
                    .append(notes.stream().map(MarkdownReport::quote).collect(Collectors.joining("\n>\n")))
                    .append('\n');
        }
        return page.toString();
    }

    /** A note as a blockquote; every line of a note with several (a table, say) stays inside the quote. */
    private static String quote(String note) {
        return "> " + note.replace("\n", "\n> ").replace("> \n", ">\n");
    }

    /** Latencies in ms from the intended start; "achieved/s" counts completions, failed ones included. */
    static String table(List<BenchmarkResult> results) {
        StringBuilder table = new StringBuilder();
        table.append("| target | rate/s | requests | ok | errors | dropped | p50 ms | p90 ms | p95 ms | p99 ms ")
                .append("| p99.9 ms | max ms | mean ms | achieved/s |\n");
        table.append("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (BenchmarkResult result : results) {
            LoadOutcome outcome = result.outcome();
            LatencyStats latency = outcome.latencyMillis();
            table.append("| ").append(result.label())
                    .append(" | ").append(number(result.parameters().ratePerSecond()))
                    .append(" | ").append(outcome.scheduled())
                    .append(" | ").append(outcome.ok())
                    .append(" | ").append(errors(outcome))
                    .append(" | ").append(outcome.dropped())
                    .append(" | ").append(millis(latency.p50()))
                    .append(" | ").append(millis(latency.p90()))
                    .append(" | ").append(millis(latency.p95()))
                    .append(" | ").append(millis(latency.p99()))
                    .append(" | ").append(millis(latency.p999()))
                    .append(" | ").append(millis(latency.max()))
                    .append(" | ").append(millis(latency.mean()))
                    .append(" | ").append(number(outcome.throughputPerSecond()))
                    .append(" |\n");
        }
        return table.toString();
    }

    private static String loads(List<BenchmarkResult> results) {
        return results.stream()
                .map(BenchmarkResult::parameters)
                .map(MarkdownReport::load)
                .distinct()
                .collect(Collectors.joining("; "))
                + " (open model: latency counts from each request's intended start)";
    }

    private static String load(LoadProfile profile) {
        return "duration " + DurationText.format(profile.duration())
                + ", warmup " + DurationText.format(profile.warmup())
                + ", max in flight " + profile.maxInFlight()
                + ", timeout " + DurationText.format(profile.timeout());
    }

    private static String errors(LoadOutcome outcome) {
        if (outcome.failed() == 0) {
            return "0";
        }
        String kinds = outcome.errors().entrySet().stream()
                .filter(kind -> kind.getValue() > 0)
                .map(kind -> kind.getKey() + " " + kind.getValue())
                .collect(Collectors.joining(", "));
        String statuses = outcome.errorStatuses().entrySet().stream()
                .map(status -> status.getKey() + "×" + status.getValue())
                .collect(Collectors.joining(", "));
        return outcome.failed() + " (" + kinds + (statuses.isEmpty() ? "" : "; " + statuses) + ")";
    }

    private static List<String> startLagWarnings(List<BenchmarkResult> results) {
        return results.stream()
                .filter(result -> result.outcome().startLagMillis().p99() > START_LAG_WARNING_MILLIS)
                .map(result -> "Warning: for `%s` the load generator started requests up to %s ms late (p99); the client was part of the bottleneck and its delay is in the latencies."
                        .formatted(result.label(), millis(result.outcome().startLagMillis().p99())))
                .toList();
    }

    private static String millis(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
