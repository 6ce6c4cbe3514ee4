package io.secureconnect.bench.gateway;

import io.secureconnect.bench.BenchmarkFailure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A server the benchmark starts for itself (the gateway, nginx, the WebSocket stub), with its output in a file of the run's work folder,
 * stopped at the end whatever happened.
 */
final class ChildProcess implements AutoCloseable {

    /** USER_HZ: 100 on every Linux this runs on (the kernel ABI fixes it for /proc). */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final String name;
    private final Process process;
    private final Path output;

    private ChildProcess(String name, Process process, Path output) {
        this.name = name;
        this.process = process;
        this.output = output;
    }

    static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path workDirectory)
            throws IOException {
        Path output = workDirectory.resolve(name + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        return new ChildProcess(name, builder.start(), output);
    }

    /** Waits until the URL answers 2xx; fails with the tail of the process's output if it dies or takes too long. */
    void awaitReady(HttpClient http, URI url, Duration patience) throws BenchmarkFailure, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new BenchmarkFailure(name + " exited with status " + process.exitValue() + ":\n" + tail());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() / 100 == 2) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new BenchmarkFailure(name + " did not answer " + url + " within " + patience.toSeconds() + " s:\n" + tail());
    }

    /** The process and everything it started (nginx's workers), for pinning them to a core. */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>(List.of(process.pid()));
        process.descendants().forEach(child -> pids.add(child.pid()));
        return pids;
    }

    /**
     * CPU time (user + system) used so far by the process and everything it started (nginx's workers), from
     * {@code /proc}; empty where there is no {@code /proc}.
     */
    Optional<Duration> cpuTime() {
        try {
            long ticks = ticks(process.pid());
            for (ProcessHandle child : process.descendants().toList()) {
                ticks += ticks(child.pid());
            }
            return Optional.of(Duration.ofMillis(ticks * 1000 / CLOCK_TICKS_PER_SECOND));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** utime + stime, fields 14 and 15 of /proc/PID/stat (counted after the parenthesised command name). */
    private static long ticks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(output);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
