package io.secureconnect.bench.startup;

import io.secureconnect.bench.BenchContext;
import io.secureconnect.bench.Benchmark;
import io.secureconnect.bench.BenchmarkFailure;
import io.secureconnect.bench.load.DurationText;
import io.secureconnect.bench.report.BenchmarkResult;
import io.secureconnect.bench.report.MachineLoad;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * How fast the services start the way {@code ./secureconnect up} runs them: cold process start to readiness, as the
 * launcher itself measures and prints it ("ready in 3.4 s"), each service alone ({@code start}/{@code stop}) and all
 * five at once ({@code up --detach}/{@code down}), in the launcher's default (fast) mode and with
 * {@code SC_FAST_START=off} (the reference) in the same run. The modes take turns run by run, each in its own fresh
 * {@code SC_DATA_DIR}, on free ports away from 8080-8084. After each {@code up}, the services' resident memory once
 * they have been idle a while. Targets (from the issue): each service ready in 3 s alone, all five in 10 s together,
 * on a 2-core machine.
 */
public final class StartupBenchmark implements Benchmark {

    /** The launcher's start order. */
    static final List<String> SERVICES =
            List.of("auth-service", "chat-service", "video-service", "storage-service", "api-gateway");
    static final int DEFAULT_REPETITIONS = 5;
    static final String DEFAULT_IDLE = "10s";
    /** Services' ports are taken from here upward, away from a suite on 8080-8084 and from ephemeral ports. */
    static final int FIRST_PORT = 18080;

    /** Generous: the launcher builds stale jars first, which takes minutes on 2 cores; it has its own 180 s too. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(20);
    private static final Duration PREPARE_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration HELP_TIMEOUT = Duration.ofMinutes(1);

    /** What the last run measured; read by {@link #notes}. */
    private StartupReport report;

    @Override
    public String name() {
        return "startup";
    }

    @Override
    public String description() {
        return "Cold start to readiness of the services as ./secureconnect starts them, each alone and all five at "
                + "once, in the launcher's default (fast) mode beside the reference (SC_FAST_START=off); RSS at idle.";
    }

    @Override
    public Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("repetitions", "runs per service alone and of all five, per mode (default "
                + DEFAULT_REPETITIONS + ")");
        options.put("services", "services measured alone, comma-separated (default all five: "
                + String.join(",", SERVICES) + ")");
        options.put("modes", "reference (SC_FAST_START=off), fast (the launcher's default) or both (default "
                + "reference,fast)");
        options.put("idle", "wait after all five are ready before reading their RSS (default " + DEFAULT_IDLE + ")");
        options.put("launcher", "the launcher script (env SC_BENCH_LAUNCHER, default <checkout>/secureconnect)");
        return options;
    }

    @Override
    public List<BenchmarkResult> run(BenchContext context) throws Exception {
        int repetitions = positive(context.option("repetitions", null, String.valueOf(DEFAULT_REPETITIONS)));
        List<String> services = services(context.option("services", null, String.join(",", SERVICES)));
        List<Mode> modes = Mode.parse(context.option("modes", null, "reference,fast"));
        Duration idle;
        try {
            idle = DurationText.parse(context.option("idle", null, DEFAULT_IDLE));
        } catch (IllegalArgumentException e) {
            throw new BenchmarkFailure("--idle: " + e.getMessage());
        }
        Path script = launcherScript(context.option("launcher", "SC_BENCH_LAUNCHER", null));
        String machineLoad = MachineLoad.describe();
        context.progress("machine at start: " + machineLoad);

        Map<String, Integer> ports = freePorts();
        Path work = Files.createTempDirectory("sc-bench-startup-");
        context.progress("ports " + ports + "; data folders and launcher output under " + work);
        Map<Mode, Launcher> launchers = new LinkedHashMap<>();
        List<ModeResults> results = new ArrayList<>();
        for (Mode mode : modes) {
            launchers.put(mode, new Launcher(script, mode, work.resolve(mode.label()), ports, work.resolve("output")));
            results.add(new ModeResults(mode, services, SERVICES));
        }
        Thread cleanup = new Thread(() -> downAll(launchers.values(), null));
        Runtime.getRuntime().addShutdownHook(cleanup);
        long started = System.nanoTime();
        String javaOptions;
        boolean knowsPrepare;
        try {
            Launcher.Run help = launchers.values().iterator().next().run(HELP_TIMEOUT, "help");
            if (!help.succeeded()) {
                throw new BenchmarkFailure(help.problem());
            }
            javaOptions = javaOptions(help.text());
            knowsPrepare = help.text().contains("prepare");
            for (ModeResults mode : results) {
                if (mode.mode == Mode.FAST && knowsPrepare) {
                    prepare(context, launchers.get(mode.mode), mode);
                }
            }
            List<ModeResults> measured = results.stream().filter(mode -> mode.skipped == null).toList();
            for (int repetition = 1; repetition <= repetitions; repetition++) {
                for (String service : services) {
                    for (ModeResults mode : measured) {
                        alone(context, launchers.get(mode.mode), mode, service, repetition, repetitions);
                    }
                }
            }
            for (int repetition = 1; repetition <= repetitions; repetition++) {
                for (ModeResults mode : measured) {
                    together(context, launchers.get(mode.mode), mode, idle, repetition, repetitions);
                }
            }
        } finally {
            downAll(launchers.values(), context);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // shutting down already: the hook runs
            }
            launchers.values().forEach(StartupBenchmark::keepOnlyLogs);
        }
        Duration span = Duration.ofNanos(System.nanoTime() - started);
        machineLoad += "; load average at the end " + loadAverage();
        report = new StartupReport(repetitions, services, results, ports, javaOptions, knowsPrepare, machineLoad,
                Runtime.getRuntime().availableProcessors(), idle, work, script.getParent(), span);
        return report.rows();
    }

    @Override
    public List<String> notes(List<BenchmarkResult> results) {
        return report == null ? List.of() : report.notes();
    }

    private static void prepare(BenchContext context, Launcher launcher, ModeResults mode)
            throws IOException, InterruptedException {
        context.progress(mode.mode.label() + ": ./secureconnect prepare ...");
        Launcher.Run prepare = launcher.run(PREPARE_TIMEOUT, "prepare");
        if (prepare.succeeded()) {
            mode.prepareSeconds = prepare.wallSeconds();
            List<String> work = prepare.otherWork();
            boolean built = work.stream().anyMatch(line -> line.startsWith("Build"));
            boolean trained = work.stream().anyMatch(line -> line.startsWith("Preparing"));
            mode.prepareWork = built && trained ? "a build and the caches' training runs included"
                    : built ? "a build included" : trained ? "the caches' training runs" : "nothing to build or train";
            context.progress("%s: prepared in %.1f s".formatted(mode.mode.label(), prepare.wallSeconds()));
        } else {
            mode.skipped = "its preparation failed: " + prepare.problem();
            context.progress(mode.mode.label() + " is not measured: " + mode.skipped);
        }
    }

    private static void alone(BenchContext context, Launcher launcher, ModeResults mode, String service,
                              int repetition, int repetitions) throws Exception {
        Launcher.Run start = launcher.run(START_TIMEOUT, "start", service);
        Double ready = start.readySeconds().get(service);
        String run = "%s: start %s (%d/%d)".formatted(mode.mode.label(), service, repetition, repetitions);
        if (start.succeeded() && ready != null) {
            mode.anySucceeded = true;
            mode.aloneReady.get(service).add(ready);
            mode.aloneWall.get(service).add(start.wallSeconds());
            otherWork(mode, run, start);
            context.progress("%s: ready in %.1f s, command %.1f s".formatted(run, ready, start.wallSeconds()));
        } else {
            mode.aloneReady.get(service).fail();
            failed(context, mode, run, start);
        }
        stop(context, launcher, mode, run, "stop", service);
    }

    private static void together(BenchContext context, Launcher launcher, ModeResults mode, Duration idle,
                                 int repetition, int repetitions) throws Exception {
        Launcher.Run up = launcher.run(START_TIMEOUT, "up", "--detach");
        Map<String, Double> ready = up.readySeconds();
        String run = "%s: up --detach (%d/%d)".formatted(mode.mode.label(), repetition, repetitions);
        for (String service : SERVICES) {
            if (ready.containsKey(service)) {
                mode.togetherReady.get(service).add(ready.get(service));
            } else {
                mode.togetherReady.get(service).fail();
            }
        }
        if (up.succeeded() && ready.keySet().containsAll(SERVICES)) {
            mode.anySucceeded = true;
            // never less than a single service's own time, whatever the order of the launcher's lines
            double slowest = ready.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            OptionalLong lastReady = up.firstLaunchToLastReadyMillis();
            double all = Math.max(slowest, lastReady.isPresent() ? lastReady.getAsLong() / 1000.0 : 0);
            mode.allReady.add(all);
            mode.upWall.add(up.wallSeconds());
            otherWork(mode, run, up);
            context.progress("%s: all five ready in %.1f s (%s), command %.1f s; idle %s before reading RSS"
                    .formatted(run, all, ready, up.wallSeconds(), DurationText.format(idle)));
            Thread.sleep(idle);
            residentMemory(launcher, mode);
        } else {
            mode.allReady.fail();
            failed(context, mode, run, up);
        }
        stop(context, launcher, mode, run, "down");
    }

    /** VmRSS of each service (its pid from the launcher's pid file), and the java command line of the first. */
    private static void residentMemory(Launcher launcher, ModeResults mode) {
        double total = 0;
        boolean complete = true;
        for (String service : SERVICES) {
            Optional<Long> pid = launcher.pidOf(service);
            Optional<Long> rssKib = pid.flatMap(StartupBenchmark::rssKib);
            if (rssKib.isPresent()) {
                mode.idleRss.get(service).add(rssKib.get() / 1024.0);
                total += rssKib.get() / 1024.0;
            } else {
                mode.idleRss.get(service).fail();
                complete = false;
            }
            if (mode.javaCommand == null && pid.isPresent()) {
                mode.javaCommand = commandLine(pid.get()).orElse(null);
            }
        }
        if (complete) {
            mode.idleRssTotal.add(total);
        } else {
            mode.idleRssTotal.fail();
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static Optional<Long> rssKib(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.substring("VmRSS:".length()).trim().split("\\s+")[0]))
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> commandLine(long pid) {
        try {
            String raw = Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline"), StandardCharsets.UTF_8);
            String command = String.join(" ", Arrays.stream(raw.split("\0")).filter(part -> !part.isEmpty()).toList());
            return command.isEmpty() ? Optional.empty() : Optional.of(command);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void stop(BenchContext context, Launcher launcher, ModeResults mode, String run,
                             String... command) throws IOException, InterruptedException {
        Launcher.Run stop = launcher.run(STOP_TIMEOUT, command);
        if (!stop.succeeded()) {
            mode.events.add(run + ": then " + stop.summary() + "; `down` followed");
            context.progress(run + ": " + stop.problem());
            launcher.run(STOP_TIMEOUT, "down");
        }
    }

    private static void otherWork(ModeResults mode, String run, Launcher.Run launcherRun) {
        List<String> work = launcherRun.otherWork();
        if (!work.isEmpty()) {
            mode.events.add(run + " did more than start, so its command time includes that: "
                    + String.join("; ", work));
        }
    }

    /** A failed run is counted; if no run of this mode has worked yet, something basic is wrong: stop here. */
    private static void failed(BenchContext context, ModeResults mode, String run, Launcher.Run launcherRun)
            throws BenchmarkFailure {
        String summary = launcherRun.succeeded()
                ? "`" + launcherRun.command() + "` printed no \"ready in\" line for every service it was asked to "
                        + "start (output in " + launcherRun.output() + ")"
                : launcherRun.summary();
        String problem = launcherRun.succeeded() ? summary : launcherRun.problem();
        if (!mode.anySucceeded) {
            throw new BenchmarkFailure(run + ": " + problem);
        }
        mode.events.add(run + " failed: " + summary);
        context.progress(run + " failed: " + problem);
    }

    /** {@code ./secureconnect down} in every data folder, whatever happened before. */
    private static void downAll(Iterable<Launcher> launchers, BenchContext context) {
        for (Launcher launcher : launchers) {
            if (!Files.isDirectory(launcher.dataDirectory())) {
                continue;
            }
            try {
                Launcher.Run down = launcher.run(STOP_TIMEOUT, "down");
                if (!down.succeeded() && context != null) {
                    context.progress(launcher.mode().label() + ": " + down.problem());
                }
            } catch (IOException e) {
                if (context != null) {
                    context.progress(launcher.mode().label() + ": down failed: " + e.getMessage());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * A mode's data folder (object store, keys, mail, pid files; whatever else the launcher keeps there) is deleted
     * after the run, but for its logs/. Left alone if a service of it still has a live pid file.
     */
    private static void keepOnlyLogs(Launcher launcher) {
        Path data = launcher.dataDirectory();
        if (!Files.isDirectory(data) || SERVICES.stream().anyMatch(s -> launcher.pidOf(s)
                .flatMap(pid -> ProcessHandle.of(pid)).map(ProcessHandle::isAlive).orElse(false))) {
            return;
        }
        Path logs = data.resolve("logs");
        try (Stream<Path> paths = Files.walk(data)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (!path.equals(data) && !path.startsWith(logs)) {
                    Files.deleteIfExists(path);
                }
            }
        } catch (IOException e) {
            // what is left stays in the temporary folder
        }
    }

    private static String javaOptions(String help) {
        String fromEnvironment = System.getenv("SC_JAVA_OPTS");
        if (fromEnvironment != null) {
            return "`" + fromEnvironment + "` (SC_JAVA_OPTS from the environment)";
        }
        return Launcher.defaultJavaOptions(help).map(options -> "`" + options + "` (the launcher's default, as "
                + "`./secureconnect help` states it)").orElse("the launcher's default (not found in its help)");
    }

    /** Five ports from {@link #FIRST_PORT} up that nothing listens on now. */
    static Map<String, Integer> freePorts() throws IOException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (int port = FIRST_PORT; ports.size() < SERVICES.size() && port < 65_536; port++) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(port));
                ports.put(SERVICES.get(ports.size()), port);
            } catch (IOException e) {
                // taken: the next one
            }
        }
        if (ports.size() < SERVICES.size()) {
            throw new IOException("no five free ports from " + FIRST_PORT + " up");
        }
        return ports;
    }

    private static Path launcherScript(String option) throws BenchmarkFailure {
        Path script;
        if (option != null) {
            script = Path.of(option).toAbsolutePath();
        } else {
            script = checkout().resolve("secureconnect");
        }
        if (!Files.isExecutable(script)) {
            throw new BenchmarkFailure("no launcher at " + script + " (--launcher or SC_BENCH_LAUNCHER names it)");
        }
        return script.normalize();
    }

    /** The checkout: bench/target/bench.jar (or bench/target/classes) is three levels below it. */
    private static Path checkout() throws BenchmarkFailure {
        try {
            Path location = Path.of(StartupBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.toAbsolutePath().getParent().getParent().getParent();
        } catch (URISyntaxException | RuntimeException e) {
            throw new BenchmarkFailure("cannot tell where the checkout is; name the launcher with --launcher");
        }
    }

    static List<String> services(String text) throws BenchmarkFailure {
        List<String> services = new ArrayList<>();
        for (String name : text.split(",")) {
            String service = name.trim();
            if (!SERVICES.contains(service)) {
                throw new BenchmarkFailure("--services: unknown service '" + service + "' (expected some of "
                        + String.join(",", SERVICES) + ")");
            }
            if (!services.contains(service)) {
                services.add(service);
            }
        }
        return services;
    }

    private static int positive(String text) throws BenchmarkFailure {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BenchmarkFailure("--repetitions: expected a whole number of at least 1, got '" + text + "'");
    }
}
