package io.secureconnect.bench.chat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Linux says about a process in {@code /proc/<pid>}: resident memory and CPU time used. CPU time is in clock
 * ticks of {@code USER_HZ}, which is 100 on every Linux the suite runs on.
 */
final class ProcStats {

    static final long TICKS_PER_SECOND = 100;

    private ProcStats() {
    }

    /** VmRSS of the process, in KiB. */
    static long rssKib(long pid) throws IOException {
        return rssKib(Files.readString(Path.of("/proc", String.valueOf(pid), "status")));
    }

    /** utime + stime of the process (all its threads), in clock ticks. */
    static long cpuTicks(long pid) throws IOException {
        return cpuTicks(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
    }

    /** Open file descriptors of the process. */
    static long openFiles(long pid) throws IOException {
        try (var entries = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            return entries.count();
        }
    }

    /** The soft limit on open files of the process ("Max open files"), or -1 if unlimited or not found. */
    static long maxOpenFiles(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "limits"))) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") ? -1 : Long.parseLong(soft);
            }
        }
        return -1;
    }

    static long rssKib(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring("VmRSS:".length()).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalArgumentException("no VmRSS line in /proc/<pid>/status");
    }

    /**
     * Fields 14 and 15 of {@code /proc/<pid>/stat}. The command name (field 2) is in parentheses and may contain
     * spaces and parentheses itself, so the fields are counted from the last closing parenthesis.
     */
    static long cpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // fields[0] is field 3 (state), so field n is fields[n - 3]
        return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
    }

    /** Average CPU use between two samples, in percent of one core. */
    static double cpuPercent(long ticksBefore, long ticksAfter, long nanosBefore, long nanosAfter) {
        double seconds = (nanosAfter - nanosBefore) / 1e9;
        return seconds <= 0 ? 0 : (ticksAfter - ticksBefore) / (double) TICKS_PER_SECOND / seconds * 100;
    }
}
