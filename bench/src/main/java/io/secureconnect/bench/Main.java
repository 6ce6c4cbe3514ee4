package io.secureconnect.bench;

import io.secureconnect.bench.CommandLine.UsageException;
import io.secureconnect.bench.load.DurationText;
import io.secureconnect.bench.load.LoadProfile;
import io.secureconnect.bench.report.BenchmarkResult;
import io.secureconnect.bench.report.BenchmarkRun;
import io.secureconnect.bench.report.MachineFacts;
import io.secureconnect.bench.report.MarkdownReport;
import io.secureconnect.bench.report.ResultWriter;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * {@code bench/run <benchmark> [options]}: runs one registered benchmark, prints its markdown report on stdout
 * (progress on stderr) and writes the result files. Exit status 0 on success, 1 when the benchmark could not run,
 * 2 on a usage error.
 */
public final class Main {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    /** Options every benchmark accepts. */
    private static final Map<String, String> LOAD_OPTIONS = loadOptions();

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.getenv(), System.out, System.err));
    }

    static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
        CommandLine line;
        try {
            line = CommandLine.parse(args);
        } catch (UsageException e) {
            return usageError(e.getMessage(), err);
        }
        if (line.list()) {
            out.print(list());
            return OK;
        }
        if (line.help() || line.benchmark() == null) {
            (line.help() ? out : err).print(usage());
            return line.help() ? OK : USAGE;
        }
        Benchmark benchmark = Benchmarks.named(line.benchmark()).orElse(null);
        if (benchmark == null) {
            return usageError("unknown benchmark '" + line.benchmark() + "'; bench/run --list shows them", err);
        }
        for (String option : line.options().keySet()) {
            if (!LOAD_OPTIONS.containsKey(option) && !benchmark.options().containsKey(option)) {
                return usageError("%s does not take --%s; bench/run --list shows its options"
                        .formatted(benchmark.name(), option), err);
            }
        }
        LoadProfile profile;
        try {
            profile = loadProfile(line.options());
        } catch (IllegalArgumentException e) {
            return usageError(e.getMessage(), err);
        }
        Path results = Path.of(line.options().getOrDefault("results",
                environment.getOrDefault("SC_BENCH_RESULTS", "bench/results")));
        return execute(benchmark, line, profile, environment, results, out, err);
    }

    private static int execute(Benchmark benchmark, CommandLine line, LoadProfile profile,
                               Map<String, String> environment, Path resultsDirectory, PrintStream out,
                               PrintStream err) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(profile.timeout())
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        try {
            BenchContext context = new BenchContext(profile, line.options(), environment, http, err);
            Instant started = Instant.now();
            List<BenchmarkResult> results = benchmark.run(context);
            BenchmarkRun run = new BenchmarkRun(benchmark.name(), benchmark.description(), line.arguments(), started,
                    Instant.now(), MachineFacts.current(), results, benchmark.notes(results));
            ResultWriter.Written written = new ResultWriter(resultsDirectory).write(run);
            out.print(MarkdownReport.render(run));
            context.progress("wrote " + written.json() + ", " + written.markdown() + " and " + written.latest());
            return OK;
        } catch (BenchmarkFailure e) {
            err.println("bench " + benchmark.name() + ": " + e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("bench " + benchmark.name() + ": interrupted");
            return FAILED;
        } catch (Exception e) {
            err.println("bench " + benchmark.name() + " failed:");
            e.printStackTrace(err);
            return FAILED;
        } finally {
            // not close(): that waits for exchanges, and a run may have abandoned some that never end
            http.shutdownNow();
        }
    }

    static LoadProfile loadProfile(Map<String, String> options) {
        LoadProfile profile = LoadProfile.DEFAULTS;
        if (options.containsKey("rate")) {
            profile = profile.withRate(number("rate", options.get("rate")));
        }
        if (options.containsKey("duration")) {
            profile = profile.withDuration(DurationText.parse(options.get("duration")));
        }
        if (options.containsKey("warmup")) {
            profile = profile.withWarmup(DurationText.parse(options.get("warmup")));
        }
        if (options.containsKey("max-in-flight")) {
            profile = profile.withMaxInFlight((int) number("max-in-flight", options.get("max-in-flight")));
        }
        if (options.containsKey("timeout")) {
            profile = profile.withTimeout(DurationText.parse(options.get("timeout")));
        }
        return profile;
    }

    private static double number(String option, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + option + ": not a number: '" + value + "'");
        }
    }

    private static int usageError(String message, PrintStream err) {
        err.println("bench: " + message);
        err.println("Try bench/run --help or bench/run --list.");
        return USAGE;
    }

    private static String usage() {
        StringBuilder usage = new StringBuilder("""
                Usage: bench/run <benchmark> [options]
                       bench/run --list

                Open-model load: requests start at a fixed rate whatever the target does, and latency counts from
                each request's intended start. Options every benchmark takes:
                """);
        LOAD_OPTIONS.forEach((name, help) -> usage.append(option(name, help)));
        return usage.append("Each benchmark may take more options; bench/run --list shows them.\n").toString();
    }

    private static String list() {
        StringBuilder list = new StringBuilder();
        for (Benchmark benchmark : Benchmarks.all()) {
            list.append(benchmark.name()).append("\n    ").append(benchmark.description()).append('\n');
            benchmark.options().forEach((name, help) -> list.append(option(name, help)));
        }
        return list.toString();
    }

    private static String option(String name, String help) {
        return "  --%-16s %s%n".formatted(name, help);
    }

    private static Map<String, String> loadOptions() {
        LoadProfile defaults = LoadProfile.DEFAULTS;
        Map<String, String> options = new LinkedHashMap<>();
        options.put("rate", "requests started per second (default %.0f)".formatted(defaults.ratePerSecond()));
        options.put("duration", "measured phase, e.g. 30s, 2m (default %s)"
                .formatted(DurationText.format(defaults.duration())));
        options.put("warmup", "phase before it at the same rate, discarded (default %s)"
                .formatted(DurationText.format(defaults.warmup())));
        options.put("max-in-flight", "outstanding requests beyond which arrivals are dropped (default %d)"
                .formatted(defaults.maxInFlight()));
        options.put("timeout", "per request, from its intended start (default %s)"
                .formatted(DurationText.format(defaults.timeout())));
        options.put("results", "folder for the result files (default $SC_BENCH_RESULTS, else bench/results)");
        return options;
    }
}
