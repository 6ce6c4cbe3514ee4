package io.secureconnect.bench.startup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./secureconnect <command>} for one {@link Mode}, in that mode's own data folder ({@code SC_DATA_DIR}) and on
 * the benchmark's ports, with the rest of the environment passed through as it is. Each command's output (stdout and
 * stderr, colours stripped) is kept line by line with the moment it arrived, and written to a file.
 */
final class Launcher {

    /** The launcher's start-up line per service: {@code   auth-service     ready in   3.4 s}. */
    private static final Pattern READY = Pattern.compile("^\\s*(\\S+)\\s+ready in\\s+(\\d+(?:\\.\\d+)?)\\s*s\\b");
    /** {@code Started auth-service on port 8081 (pid 123, ...)}, printed right after the launch. */
    private static final Pattern STARTED = Pattern.compile("^\\s*Started (\\S+)");
    /** Work besides starting: a build, or start-up caches made on the way. */
    private static final Pattern OTHER_WORK = Pattern.compile("^\\s*(Building|Built|Preparing)\\b.*");
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");
    private static final Duration GRACE = Duration.ofSeconds(45);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Path script;
    private final Mode mode;
    private final Path dataDirectory;
    private final Map<String, Integer> ports;
    private final Path outputDirectory;

    /**
     * @param ports service name to port, passed as {@code SC_<SERVICE>_PORT}
     */
    Launcher(Path script, Mode mode, Path dataDirectory, Map<String, Integer> ports, Path outputDirectory) {
        this.script = script;
        this.mode = mode;
        this.dataDirectory = dataDirectory;
        this.ports = Map.copyOf(ports);
        this.outputDirectory = outputDirectory;
    }

    Mode mode() {
        return mode;
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    /** One line of output and when it arrived ({@link System#nanoTime()}). */
    record Line(long nanos, String text) {
    }

    /** A finished (or abandoned) launcher command. */
    record Run(String command, int exitCode, boolean timedOut, long wallNanos, List<Line> lines, Path output) {

        boolean succeeded() {
            return !timedOut && exitCode == 0;
        }

        double wallSeconds() {
            return wallNanos / 1e9;
        }

        String text() {
            return String.join("\n", lines.stream().map(Line::text).toList());
        }

        /** Why it did not succeed, in a line. */
        String summary() {
            return "`" + command + "` " + (timedOut ? "did not finish in time" : "exited with status " + exitCode)
                    + " (output in " + output + ")";
        }

        /** Why it did not succeed, with the last lines of its output. */
        String problem() {
            List<String> texts = lines.stream().map(Line::text).toList();
            return summary() + "; its last lines:\n"
                    + String.join("\n", texts.subList(Math.max(0, texts.size() - 15), texts.size()));
        }

        /** Service to the seconds of its "ready in" line, in the order printed. */
        Map<String, Double> readySeconds() {
            Map<String, Double> ready = new LinkedHashMap<>();
            for (Line line : lines) {
                Matcher matcher = READY.matcher(line.text());
                if (matcher.find()) {
                    ready.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
                }
            }
            return ready;
        }

        /**
         * Milliseconds from the first "Started" line to the last "ready in" line, as they arrived: the time from the
         * first launch until the last service was ready. Empty when either is missing.
         */
        OptionalLong firstLaunchToLastReadyMillis() {
            Long firstStarted = null;
            Long lastReady = null;
            for (Line line : lines) {
                if (firstStarted == null && STARTED.matcher(line.text()).find()) {
                    firstStarted = line.nanos();
                }
                if (READY.matcher(line.text()).find()) {
                    lastReady = line.nanos();
                }
            }
            return firstStarted == null || lastReady == null || lastReady < firstStarted ? OptionalLong.empty()
                    : OptionalLong.of(TimeUnit.NANOSECONDS.toMillis(lastReady - firstStarted));
        }

        /** Lines saying the command built or prepared something before starting (its wall time includes that). */
        List<String> otherWork() {
            return lines.stream().map(Line::text).filter(text -> OTHER_WORK.matcher(text).matches())
                    .map(String::trim).toList();
        }
    }

    /**
     * Runs {@code ./secureconnect <arguments>} and waits up to {@code timeout}; then SIGTERM (the launcher stops what
     * it started), and after a grace period SIGKILL to it and everything it started.
     */
    Run run(Duration timeout, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(script.getParent().toFile())
                .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.put("NO_COLOR", "1");
        environment.put("SC_DATA_DIR", dataDirectory.toString());
        ports.forEach((service, port) -> environment.put(portVariable(service), String.valueOf(port)));
        mode.applyTo(environment);

        List<Line> lines = new ArrayList<>();
        long started = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        Thread reader = Thread.ofVirtual().start(() -> read(process, lines));
        boolean timedOut = !process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (timedOut) {
            process.destroy();
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        long wall = System.nanoTime() - started;
        // the services write to their own files, so the pipe closes with the launcher; bounded all the same
        reader.join(Duration.ofSeconds(5));
        List<Line> copy;
        synchronized (lines) {
            copy = List.copyOf(lines);
        }
        String name = "%03d-%s-%s.out".formatted(SEQUENCE.incrementAndGet(), mode.label(), String.join("-", arguments)
                .replaceAll("[^A-Za-z0-9.-]+", "_"));
        Path output = outputDirectory.resolve(name);
        Files.createDirectories(outputDirectory);
        Files.write(output, copy.stream().map(Line::text).toList());
        return new Run("./secureconnect " + String.join(" ", arguments), timedOut ? -1 : process.exitValue(),
                timedOut, wall, copy, output);
    }

    private static void read(Process process, List<Line> lines) {
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                Line read = new Line(System.nanoTime(), stripColours(line));
                synchronized (lines) {
                    lines.add(read);
                }
            }
        } catch (IOException e) {
            // the process is gone; what was read is kept
        }
    }

    /** The pid in {@code $SC_DATA_DIR/run/<service>.pid}, if there is one. */
    Optional<Long> pidOf(String service) {
        try {
            String digits = Files.readString(dataDirectory.resolve("run").resolve(service + ".pid"))
                    .replaceAll("[^0-9]", "");
            return digits.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(digits));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static String stripColours(String line) {
        return ANSI.matcher(line).replaceAll("");
    }

    /** {@code api-gateway} -> {@code SC_GATEWAY_PORT}, {@code auth-service} -> {@code SC_AUTH_PORT}, ... */
    static String portVariable(String service) {
        return service.equals("api-gateway") ? "SC_GATEWAY_PORT"
                : "SC_" + service.replace("-service", "").toUpperCase(Locale.ROOT) + "_PORT";
    }

    /** The default of {@code SC_JAVA_OPTS} as {@code ./secureconnect help} states it: "(default: ...)". */
    static Optional<String> defaultJavaOptions(String help) {
        return help.lines().filter(line -> line.contains("SC_JAVA_OPTS") && line.contains("(default:"))
                .map(line -> line.substring(line.indexOf("(default:") + "(default:".length()))
                .map(rest -> rest.contains(")") ? rest.substring(0, rest.lastIndexOf(')')) : rest)
                .map(String::trim).filter(options -> !options.isEmpty()).findFirst();
    }
}
