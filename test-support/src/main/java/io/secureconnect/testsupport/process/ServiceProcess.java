package io.secureconnect.testsupport.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A server a test starts as its own operating-system process (a service jar, Prometheus, Alertmanager) on a known
 * port, with stdout and stderr appended to one file, so a server started again keeps what the one before it printed.
 * It is ready when its readiness path answers 2xx (Spring Boot answers 503 until it is UP), and it can be stopped as
 * an orchestrator would (SIGTERM), killed as a crash would (SIGKILL), and started again as it was.
 *
 * <p>Settings a developer exported for their own runs ({@code SC_*}, {@code SPRING_*}) are not passed on: the
 * server sees this JVM's environment minus those, plus what the test gives it. A JVM that ends without stopping the
 * server (a run stopped with Ctrl-C) stops it on the way out, so no server outlives its tests.
 *
 * <p>Only JDK classes, so a benchmark can start its servers with it without the rest of test-support.
 */
public final class ServiceProcess implements AutoCloseable {

    /** What a readiness probe gets to answer before it counts as "not yet". */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration KILL_PATIENCE = Duration.ofSeconds(30);
    private static final HttpClient PROBE = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();
    /** The JVM's class-archive lines: a first run writes its archive on the way out, after whatever went wrong. */
    private static final Pattern CDS_CHATTER = Pattern.compile("^\\[[0-9.]+s\\]\\[\\w+\\]\\[(cds|aot)");

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final int port;
    private final String readinessPath;
    private final Path output;
    private final Path directory;
    private volatile Process process;
    private volatile long launchedAtNanos;
    private volatile Duration startupTime;
    private boolean hooked;

    private ServiceProcess(Builder builder) {
        this.name = builder.name;
        this.command = List.copyOf(builder.command);
        this.environment = Map.copyOf(builder.environment);
        this.port = builder.port;
        this.readinessPath = builder.readinessPath;
        this.output = Objects.requireNonNull(builder.output, "output");
        this.directory = builder.directory != null ? builder.directory : output.toAbsolutePath().getParent();
    }

    /** A server to start with {@code command}; {@code name} is what failure messages call it. */
    public static Builder builder(String name, List<String> command) {
        return new Builder(name, command);
    }

    /** {@code java <options> -jar <jar> <arguments>}, with the JDK this JVM runs on. */
    public static List<String> javaCommand(List<String> javaOptions, Path jar, String... arguments) {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(arguments));
        return command;
    }

    /** Launches the process and returns at once; {@link #awaitReady} waits for it. */
    public synchronized ServiceProcess start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(this + " is already running");
        }
        var builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().keySet().removeIf(key -> key.startsWith("SC_") || key.startsWith("SPRING_"));
        builder.environment().putAll(environment);
        try {
            startupTime = null;
            launchedAtNanos = System.nanoTime();
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + String.join(" ", command), e);
        }
        if (!hooked) {
            hooked = true;
            Runtime.getRuntime().addShutdownHook(new Thread(this::stopOnExit, "stop-" + name));
        }
        return this;
    }

    /** Stops the process if it runs (SIGTERM, then SIGKILL after the grace period) and starts it again as it was. */
    public ServiceProcess restart(Duration grace) {
        if (isAlive()) {
            stop(grace);
        }
        return start();
    }

    /**
     * Waits until the readiness probe answers 2xx; fails with the end of the output when the process exits first or
     * is not ready within {@code patience}.
     */
    public ServiceProcess awaitReady(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!isReady()) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited with status " + process.exitValue()
                        + " while starting; the end of " + output + ":\n" + outputTail(40));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not ready within " + patience + "; the end of " + output
                        + ":\n" + outputTail(40));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
        return this;
    }

    /** Asks the readiness probe once; the first positive answer after a start fixes {@link #startupTime()}. */
    public boolean isReady() {
        if (startupTime != null) {
            return true;
        }
        var request = HttpRequest.newBuilder(uri(readinessPath)).timeout(PROBE_TIMEOUT).GET().build();
        try {
            var response = PROBE.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                startupTime = Duration.ofNanos(System.nanoTime() - launchedAtNanos);
                return true;
            }
            return false;
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** From the last launch to its first ready answer; null while not ready. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Asks the process (and anything it started) to stop, as an orchestrator would: SIGTERM. Returns at once. */
    public void requestStop() {
        Process current = process;
        if (current != null) {
            current.descendants().forEach(ProcessHandle::destroy);
            current.destroy();
        }
    }

    /** Waits for the process to exit after {@link #requestStop()}, killing it when the grace period runs out. */
    public void awaitStop(Duration grace) {
        Process current = process;
        if (current == null) {
            return;
        }
        try {
            if (!current.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            current.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, then SIGKILL if it is still running after {@code grace}. */
    public void stop(Duration grace) {
        requestStop();
        awaitStop(grace);
    }

    /** Ends the process at once (SIGKILL), as a crash or the OOM killer would: no shutdown hooks, no goodbyes. */
    public void kill() {
        Process current = process;
        if (current == null) {
            return;
        }
        current.descendants().forEach(ProcessHandle::destroyForcibly);
        current.destroyForcibly();
        try {
            if (!current.waitFor(KILL_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(this + " still running " + KILL_PATIENCE + " after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The file stdout and stderr of every start go to. */
    public Path output() {
        return output;
    }

    /** The last lines the process printed, for failure messages, without the JVM's class-archive chatter. */
    public String outputTail(int lines) {
        try {
            var all = new String(Files.readAllBytes(output), StandardCharsets.UTF_8).lines()
                    .filter(line -> !CDS_CHATTER.matcher(line).find())
                    .toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + output + ": " + e.getMessage() + ")";
        }
    }

    /** Stops the process if it runs, with 30 s to shut down gracefully. */
    @Override
    public void close() {
        if (isAlive()) {
            stop(Duration.ofSeconds(30));
        }
    }

    /** The JVM is ending and the test did not stop the server: a short grace, then SIGKILL. */
    private void stopOnExit() {
        if (isAlive()) {
            stop(Duration.ofSeconds(10));
        }
    }

    @Override
    public String toString() {
        Process current = process;
        return name + "[" + (current == null ? "not started" : "pid " + current.pid()) + ", port " + port + "]";
    }

    /** How to start the server; {@link #build()} leaves it stopped, {@link #start()} starts it. */
    public static final class Builder {

        private final String name;
        private final List<String> command;
        private Map<String, String> environment = Map.of();
        private int port;
        private String readinessPath = "/health/readiness";
        private Path output;
        private Path directory;

        private Builder(String name, List<String> command) {
            this.name = Objects.requireNonNull(name, "name");
            this.command = List.copyOf(command);
        }

        /** The port the server listens on (the command or the environment must tell it so). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Variables on top of this JVM's environment (minus {@code SC_*} and {@code SPRING_*}). */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /** The path that answers 2xx once the server is ready; {@code /health/readiness} unless set. */
        public Builder readinessPath(String path) {
            this.readinessPath = path;
            return this;
        }

        /** The file stdout and stderr are appended to. */
        public Builder output(Path file) {
            this.output = file;
            return this;
        }

        /** The working directory; the output file's folder unless set. */
        public Builder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        public ServiceProcess build() {
            if (port <= 0) {
                throw new IllegalStateException(name + ": no port");
            }
            return new ServiceProcess(this);
        }

        /** Builds and launches it; {@link ServiceProcess#awaitReady} waits for it. */
        public ServiceProcess start() {
            return build().start();
        }
    }
}
