package io.secureconnect.systemtests;

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
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One service jar running as its own operating-system process, with stdout and stderr going to a {@code .out}
 * file. Knows when it became ready, so the suite can report how long each service took to start.
 */
final class ServiceProcess {

    private static final HttpClient PROBE = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    private static final Pattern CDS_CHATTER = Pattern.compile("^\\[[0-9.]+s\\]\\[\\w+\\]\\[(cds|aot)");

    private final Service service;
    private final int port;
    private final Path out;
    private final Process process;
    private final long launchedAtNanos;
    private volatile Duration startupTime;

    private ServiceProcess(Service service, int port, Path out, Process process, long launchedAtNanos) {
        this.service = service;
        this.port = port;
        this.out = out;
        this.process = process;
        this.launchedAtNanos = launchedAtNanos;
    }

    /** Runs the command with the given environment on top of this JVM's, minus its SecureConnect settings. */
    static ServiceProcess launch(Service service, int port, List<String> command, Map<String, String> environment,
            Path out) {
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                // appended: a service started again keeps what the one before it printed
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                .directory(out.getParent().toFile());
        // Settings a developer exported for their own runs must not change what the system tests see
        builder.environment().keySet().removeIf(name -> name.startsWith("SC_") || name.startsWith("SPRING_"));
        builder.environment().putAll(environment);
        try {
            long launchedAt = System.nanoTime();
            return new ServiceProcess(service, port, out, builder.start(), launchedAt);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + service + ": " + command, e);
        }
    }

    Service service() {
        return service;
    }

    int port() {
        return port;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Asks the readiness probe once; the first positive answer fixes the startup time. */
    boolean isReady() {
        if (startupTime != null) {
            return true;
        }
        var request = HttpRequest.newBuilder(uri("/health/readiness")).timeout(Duration.ofSeconds(2)).GET().build();
        try {
            var response = PROBE.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
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

    /** From launch to the first ready answer; null while not ready. */
    Duration startupTime() {
        return startupTime;
    }

    /**
     * The last lines the process printed, for failure messages, without the JVM's class-archive warnings (a first
     * run writes its archive on the way out, after whatever made the service fail).
     */
    String outputTail(int lines) {
        try {
            var all = new String(Files.readAllBytes(out), StandardCharsets.UTF_8).lines()
                    .filter(line -> !CDS_CHATTER.matcher(line).find())
                    .toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + out + ": " + e.getMessage() + ")";
        }
    }

    Path outputFile() {
        return out;
    }

    /** Asks the process (and anything it started) to stop, as an orchestrator would: SIGTERM. */
    void requestStop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    /** Ends the process at once (SIGKILL), as a crash or an OOM killer would: no shutdown hooks, no goodbyes. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(this + " still running 30 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the process to exit after {@link #requestStop()}, killing it when the grace period runs out. */
    void awaitStop(Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                List<ProcessHandle> stragglers = new ArrayList<>(process.descendants().toList());
                stragglers.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return service + "[pid " + process.pid() + ", port " + port + "]";
    }
}
