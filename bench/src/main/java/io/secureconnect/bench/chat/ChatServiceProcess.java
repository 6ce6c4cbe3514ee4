package io.secureconnect.bench.chat;

import io.secureconnect.bench.BenchmarkFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The chat-service a benchmark measures, as its own JVM started from the built jar, with its output in the run's
 * work folder. It can be killed hard and started again on the same port (the reconnect storm).
 */
final class ChatServiceProcess implements AutoCloseable {

    private static final Duration READY_PATIENCE = Duration.ofSeconds(150);

    private final List<String> command;
    private final Map<String, String> environment;
    private final Path workDirectory;
    private final int port;
    private final HttpClient http;
    private Process process;
    private Path output;
    private int starts;

    ChatServiceProcess(Path jar, String heap, int port, Map<String, String> environment, List<String> arguments,
                       Path workDirectory, HttpClient http) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-jar", jar.toString()));
        command.addAll(arguments);
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.workDirectory = workDirectory;
        this.port = port;
        this.http = http;
    }

    List<String> command() {
        return command;
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

    /** Starts the JVM (again, after {@link #kill()}) and returns at once. */
    void start() throws IOException {
        starts++;
        output = workDirectory.resolve("chat-service-" + starts + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        process = builder.start();
        Process started = process;
        // a benchmark stopped with Ctrl-C must not leave a service behind
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "stop-chat-service"));
    }

    /** Waits until {@code /health/readiness} answers 2xx; fails with the tail of the output if it dies first. */
    void awaitReady() throws BenchmarkFailure, InterruptedException {
        long deadline = System.nanoTime() + READY_PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new BenchmarkFailure("chat-service exited with status " + process.exitValue() + ":\n" + tail());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri("/health/readiness"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() / 100 == 2) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new BenchmarkFailure("chat-service did not become ready within " + READY_PATIENCE.toSeconds()
                + " s:\n" + tail());
    }

    /** SIGKILL: no shutdown hook, no close frames; clients see their TCP connections reset. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: graceful shutdown (the suite's default grace is 20 s). */
    void stopGracefully() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** {@code GET /metrics} (Prometheus text). */
    String metrics() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri("/metrics")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Runs a full GC in the service ({@code jcmd <pid> GC.run}), so heap use that follows is live data only. */
    void collectGarbage() throws IOException, InterruptedException {
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd");
        Process gc = new ProcessBuilder(jcmd.toString(), String.valueOf(pid()), "GC.run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!gc.waitFor(60, TimeUnit.SECONDS)) {
            gc.destroyForcibly();
        }
    }

    /** Heap in use right after a full GC, in bytes, as the service's own metrics report it. */
    long liveHeapBytes() throws IOException, InterruptedException {
        collectGarbage();
        return (long) PrometheusText.sum(metrics(), "jvm_memory_used_bytes", "area=\"heap\"");
    }

    /** Lines of the service's output (all starts) that contain {@code text}. */
    long countInOutput(String text) {
        long count = 0;
        for (int start = 1; start <= starts; start++) {
            try (var lines = Files.lines(workDirectory.resolve("chat-service-" + start + ".out"))) {
                count += lines.filter(line -> line.contains(text)).count();
            } catch (IOException | java.io.UncheckedIOException e) {
                // a missing or unreadable output counts nothing
            }
        }
        return count;
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(output);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stopGracefully();
        }
    }
}
