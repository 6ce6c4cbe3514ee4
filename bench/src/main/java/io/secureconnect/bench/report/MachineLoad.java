package io.secureconnect.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Load average and the busiest processes, so a report says how quiet the machine was. Read once, at the first call
 * (when the run starts), and the same text after that.
 */
public final class MachineLoad {

    private static String described;

    private MachineLoad() {
    }

    public static synchronized String describe() {
        if (described == null) {
            described = loadAverage() + "; top processes by ps %CPU (averaged over their lifetime): " + busiest();
        }
        return described;
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return "load average " + fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "load average unknown";
        }
    }

    private static String busiest() {
        try {
            Process ps = new ProcessBuilder("ps", "-eo", "pcpu,comm", "--sort=-pcpu", "--no-headers")
                    .redirectErrorStream(true).start();
            String top = new String(ps.getInputStream().readAllBytes()).lines().limit(5).map(String::trim)
                    .collect(Collectors.joining(", "));
            ps.waitFor();
            return top.isEmpty() ? "unknown" : top;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
