package io.secureconnect.bench.startup;

import io.secureconnect.bench.load.DurationText;
import io.secureconnect.bench.load.LatencyStats;
import io.secureconnect.bench.load.LoadOutcome;
import io.secureconnect.bench.load.LoadProfile;
import io.secureconnect.bench.report.BenchmarkResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a startup run measured, as the suite's result rows (one per series of runs: requests = runs, p50 = median)
 * and as notes: the verdicts against the targets, a table for the services alone and one for all five together
 * (modes side by side), how it was measured, and every sample.
 */
final class StartupReport {

    static final double ALONE_TARGET_SECONDS = 3;
    static final double TOGETHER_TARGET_SECONDS = 10;
    static final int TARGET_CORES = 2;

    private final int repetitions;
    private final List<String> services;
    private final List<ModeResults> modes;
    private final Map<String, Integer> ports;
    private final String javaOptions;
    private final boolean knowsPrepare;
    private final String machineLoad;
    private final int cores;
    private final Duration idle;
    private final Path work;
    private final Path checkout;
    private final Duration span;

    StartupReport(int repetitions, List<String> services, List<ModeResults> modes, Map<String, Integer> ports,
                  String javaOptions, boolean knowsPrepare, String machineLoad, int cores, Duration idle, Path work,
                  Path checkout, Duration span) {
        this.repetitions = repetitions;
        this.services = List.copyOf(services);
        this.modes = List.copyOf(modes);
        this.ports = Map.copyOf(ports);
        this.javaOptions = javaOptions;
        this.knowsPrepare = knowsPrepare;
        this.machineLoad = machineLoad;
        this.cores = cores;
        this.idle = idle;
        this.work = work;
        this.checkout = checkout;
        this.span = span;
    }

    /** One row per series: each service alone, all five (the last one ready), each service among the five. */
    List<BenchmarkResult> rows() {
        // the house table wants a load; here it is only a frame: one run at a time, up to five services starting
        LoadProfile frame = new LoadProfile(1, Duration.ofMillis(Math.max(1, span.toMillis())), Duration.ZERO,
                StartupBenchmark.SERVICES.size(), Duration.ofSeconds(60));
        List<BenchmarkResult> rows = new ArrayList<>();
        for (ModeResults mode : measured()) {
            String label = mode.mode.label();
            String setting = " (" + mode.mode.setting() + ")";
            for (String service : services) {
                rows.add(row(label + ": " + service + " alone", "./secureconnect start " + service + setting
                        + ", its \"ready in\"", frame, mode.aloneReady.get(service)));
            }
            rows.add(row(label + ": all five, last ready", "./secureconnect up --detach" + setting
                    + ", first launch to last \"ready in\"", frame, mode.allReady));
            for (String service : StartupBenchmark.SERVICES) {
                rows.add(row(label + ": all five, " + service, "./secureconnect up --detach" + setting
                        + ", " + service + "'s \"ready in\"", frame, mode.togetherReady.get(service)));
            }
        }
        return rows;
    }

    private static BenchmarkResult row(String label, String target, LoadProfile frame, Samples seconds) {
        Map<String, Long> errors = seconds.failures() == 0 ? Map.of() : Map.of("not-ready", (long) seconds.failures());
        LoadOutcome outcome = new LoadOutcome(seconds.attempts(), seconds.attempts(), seconds.values().size(),
                seconds.failures(), 0, errors, Map.of(), seconds.asMillis(), 0, 0, LatencyStats.EMPTY, 0);
        return new BenchmarkResult(label, target, frame, outcome);
    }

    List<String> notes() {
        List<String> notes = new ArrayList<>();
        notes.add(verdicts());
        if (!measured().isEmpty()) {
            notes.add(aloneTable());
            notes.add(togetherTable());
        }
        notes.add(method());
        notes.add(commandLines());
        notes.add("Machine load when the run started: " + machineLoad + ". Other work on the machine during the "
                + "run slows the starts down; compare modes within one run.");
        for (ModeResults mode : modes) {
            if (mode.skipped != null) {
                notes.add("Mode " + mode.mode.label() + " was not measured: " + mode.skipped);
            }
            mode.events.forEach(event -> notes.add(event + "."));
        }
        notes.add(samples());
        notes.add("Every launcher command's output: " + work.resolve("output") + " (numbered in run order); the "
                + "services' logs: " + work + "/<mode>/logs (the rest of each data folder is deleted after the run).");
        return notes;
    }

    private String verdicts() {
        StringBuilder text = new StringBuilder("Targets (from the issue, for a ").append(TARGET_CORES)
                .append("-core machine; this one has ").append(cores).append(cores == 1 ? " core" : " cores")
                .append("): each service ready in ≤ ").append(number(ALONE_TARGET_SECONDS))
                .append(" s when started alone, and all five ready in ≤ ").append(number(TOGETHER_TARGET_SECONDS))
                .append(" s when started together; judged on the median of ").append(repetitions)
                .append(repetitions == 1 ? " run." : " runs.");
        for (ModeResults mode : measured()) {
            List<String> met = services.stream().filter(service -> meets(mode.aloneReady.get(service),
                    ALONE_TARGET_SECONDS)).toList();
            text.append(" **").append(mode.mode.label()).append("**: alone met by ").append(met.size())
                    .append(" of ").append(services.size())
                    .append(met.isEmpty() || met.size() == services.size() ? "" : " (" + String.join(", ", met) + ")")
                    .append(", together ").append(verdict(mode.allReady, TOGETHER_TARGET_SECONDS))
                    .append(mode.allReady.isEmpty() ? "" : " (" + Samples.number(mode.allReady.median(), 1) + " s)")
                    .append('.');
        }
        return text.toString();
    }

    private String aloneTable() {
        StringBuilder table = new StringBuilder("Each service alone (`./secureconnect start <service>`, then `stop`), ")
                .append(repetitions).append(" run(s) per mode: seconds until ready as the launcher printed them, "
                        + "median (min–max), and the target ≤ ").append(number(ALONE_TARGET_SECONDS))
                .append(" s on the median; command = the whole `start` command, median.\n\n| service |");
        measured().forEach(mode -> table.append(' ').append(mode.mode.label()).append(" |"));
        measured().forEach(mode -> table.append(" command, ").append(mode.mode.label()).append(" |"));
        table.append("\n|---|").append("---:|".repeat(2 * measured().size())).append('\n');
        for (String service : services) {
            table.append("| ").append(service).append(" |");
            for (ModeResults mode : measured()) {
                Samples ready = mode.aloneReady.get(service);
                table.append(' ').append(ready.describe(1)).append(", ")
                        .append(verdict(ready, ALONE_TARGET_SECONDS)).append(" |");
            }
            for (ModeResults mode : measured()) {
                table.append(' ').append(median(mode.aloneWall.get(service), 1)).append(" |");
            }
            table.append('\n');
        }
        return table.toString().stripTrailing();
    }

    private String togetherTable() {
        StringBuilder table = new StringBuilder("All five at once (`./secureconnect up --detach`, then `down`), ")
                .append(repetitions).append(" run(s) per mode: median (min–max). Seconds, except RSS (MiB, read "
                        + "from /proc/<pid>/status ").append(DurationText.format(idle))
                .append(" after all five were ready, idle).\n\n|  |");
        measured().forEach(mode -> table.append(' ').append(mode.mode.label()).append(" |"));
        table.append("\n|---|").append("---:|".repeat(measured().size())).append('\n');
        line(table, "**all five ready** (target ≤ " + number(TOGETHER_TARGET_SECONDS) + " s)",
                mode -> mode.allReady.describe(1) + ", " + verdict(mode.allReady, TOGETHER_TARGET_SECONDS));
        for (String service : StartupBenchmark.SERVICES) {
            line(table, service + " ready in", mode -> mode.togetherReady.get(service).describe(1));
        }
        line(table, "`up --detach` command", mode -> mode.upWall.describe(1));
        for (String service : StartupBenchmark.SERVICES) {
            line(table, "RSS " + service, mode -> mode.idleRss.get(service).describe(0));
        }
        line(table, "RSS, all five", mode -> mode.idleRssTotal.describe(0));
        line(table, "`./secureconnect prepare` before the runs", mode -> mode.prepareSeconds != null
                ? Samples.number(mode.prepareSeconds, 1) + " s (" + mode.prepareWork + ")"
                : mode.mode == Mode.FAST && !knowsPrepare ? "the launcher has no prepare command" : "not run");
        return table.toString().stripTrailing();
    }

    private void line(StringBuilder table, String heading, Function<ModeResults, String> cell) {
        table.append("| ").append(heading).append(" |");
        measured().forEach(mode -> table.append(' ').append(cell.apply(mode)).append(" |"));
        table.append('\n');
    }

    private String method() {
        return "How it was measured: each mode runs the launcher (" + checkout.resolve("secureconnect") + ") in its "
                + "own fresh SC_DATA_DIR, " + modes.stream().map(mode -> mode.mode.label() + " = "
                + mode.mode.setting()).collect(Collectors.joining(", ")) + (modes.size() > 1 ? "; the modes take "
                + "turns run by run, so a change in the machine's load reaches both alike" : "") + ". Ports: " + ports.entrySet().stream()
                .sorted(Map.Entry.comparingByValue()).map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")) + "; PostgreSQL and Redis as the launcher finds them (the "
                + "environment is passed through). A service's time is the launcher's own \"ready in\" line: from "
                + "launching its java process until /health/readiness answered UP, printed in tenths of a second "
                + "(cut, not rounded) and no finer than the launcher's readiness poll interval. \"All five ready\" "
                + "is timed by the benchmark from the launcher's first \"Started\" line to its last \"ready in\" "
                + "line, and never less than the slowest service's printed time. A command's time runs "
                + "from starting the launcher to its exit (its checks of PostgreSQL and Redis and of the build "
                + "included). In the table above, a row is one series: requests = runs, ok = runs that got ready, "
                + "p50 = the median, max = the maximum (with few runs p90 to p99.9 are the maximum too); the Load "
                + "line and the rate/s and achieved/s columns are only the table's frame here.";
    }

    private String commandLines() {
        StringBuilder text = new StringBuilder("JVM options: ").append(javaOptions).append('.');
        for (ModeResults mode : measured()) {
            text.append(" The java command of ").append(StartupBenchmark.SERVICES.getFirst()).append(", ")
                    .append(mode.mode.label()).append(": ").append(mode.javaCommand == null ? "not seen"
                            : "`" + shorten(mode.javaCommand, mode) + "`").append('.');
        }
        List<String> commands = measured().stream().map(mode -> mode.javaCommand).filter(Objects::nonNull)
                .map(command -> command.replace(work.toString(), "")).distinct().toList();
        if (measured().size() > 1 && commands.size() == 1
                && measured().stream().allMatch(mode -> mode.javaCommand != null)) {
            text.append(" Both modes ran the same command: this launcher has no fast start (yet), so the columns "
                    + "measure the same thing twice.");
        }
        return text.toString();
    }

    private String shorten(String command, ModeResults mode) {
        return command.replace(work.resolve(mode.mode.label()).toString(), "$SC_DATA_DIR")
                .replace(checkout + "/", "");
    }

    private String samples() {
        StringBuilder text = new StringBuilder("Samples in run order (seconds; RSS in MiB):");
        for (ModeResults mode : measured()) {
            String label = mode.mode.label();
            for (String service : services) {
                text.append(' ').append(label).append(' ').append(service).append(" alone ")
                        .append(mode.aloneReady.get(service).list(1)).append(" (command ")
                        .append(mode.aloneWall.get(service).list(2)).append(");");
            }
            text.append(' ').append(label).append(" all five ready ").append(mode.allReady.list(2))
                    .append(" (command ").append(mode.upWall.list(2)).append(");");
            for (String service : StartupBenchmark.SERVICES) {
                text.append(' ').append(label).append(" together ").append(service).append(' ')
                        .append(mode.togetherReady.get(service).list(1)).append(", RSS ")
                        .append(mode.idleRss.get(service).list(0)).append(';');
            }
        }
        return text.substring(0, text.length() - (text.charAt(text.length() - 1) == ';' ? 1 : 0)) + ".";
    }

    private List<ModeResults> measured() {
        return modes.stream().filter(mode -> mode.skipped == null).toList();
    }

    private static boolean meets(Samples seconds, double target) {
        return !seconds.isEmpty() && seconds.failures() == 0 && seconds.median() <= target;
    }

    private static String verdict(Samples seconds, double target) {
        if (seconds.isEmpty()) {
            return "NOT met (never ready)";
        }
        return meets(seconds, target) ? "met" : "NOT met";
    }

    private static String median(Samples samples, int decimals) {
        return samples.isEmpty() ? "-" : Samples.number(samples.median(), decimals);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
