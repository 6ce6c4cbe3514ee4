package io.secureconnect.bench.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Puts processes on cores with {@code taskset} (util-linux), for the {@code pinned} measurements: the load
 * generator and the stubs on one core, the proxy under test on another, so that the proxy's latency is not its
 * fight for a core with the client that measures it. Uses the first two cores this JVM may run on (a container's
 * cpuset need not start at 0); {@link #unpin} gives a process all of them back.
 */
final class CpuPinning {

    private final List<Integer> cores;

    private CpuPinning(List<Integer> cores) {
        this.cores = cores;
    }

    /** The pinning, or why it cannot be done on this machine. */
    static Availability detect() {
        long self = ProcessHandle.current().pid();
        try {
            String answer = run("taskset", "-c", "-p", Long.toString(self));
            // "pid 123's current affinity list: 0,1" or "...: 0-3,6"
            List<Integer> cores = parseCpuList(answer.substring(answer.lastIndexOf(':') + 1).trim());
            if (cores.size() < 2) {
                return new Availability(Optional.empty(), "this process may use only core(s) " + cores
                        + "; pinning needs two");
            }
            return new Availability(Optional.of(new CpuPinning(cores)), "");
        } catch (IOException e) {
            return new Availability(Optional.empty(), "taskset (util-linux) is not usable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Availability(Optional.empty(), "interrupted");
        }
    }

    record Availability(Optional<CpuPinning> pinning, String whyNot) {
    }

    /** The core of the load generator and the stubs. */
    int clientCore() {
        return cores.get(0);
    }

    /** The core of the proxy under test. */
    int proxyCore() {
        return cores.get(1);
    }

    void pin(long pid, int core) throws IOException, InterruptedException {
        run("taskset", "-a", "-p", "-c", Integer.toString(core), Long.toString(pid));
    }

    void unpin(long pid) throws IOException, InterruptedException {
        run("taskset", "-a", "-p", "-c", cores.stream().map(String::valueOf).collect(Collectors.joining(",")),
                Long.toString(pid));
    }

    /** "0-2,5" as [0, 1, 2, 5]. */
    static List<Integer> parseCpuList(String list) {
        List<Integer> cores = new ArrayList<>();
        for (String part : list.split(",")) {
            String[] range = part.trim().split("-");
            if (range[0].isEmpty()) {
                continue;
            }
            int from = Integer.parseInt(range[0]);
            int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
            for (int core = from; core <= to; core++) {
                cores.add(core);
            }
        }
        return cores;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", Arrays.asList(command)) + " failed: " + output.trim());
        }
        return output;
    }
}
