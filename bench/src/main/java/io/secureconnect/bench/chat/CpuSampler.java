package io.secureconnect.bench.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Samples a process's CPU use every interval (percent of one core) on a virtual thread until closed. */
final class CpuSampler implements AutoCloseable {

    private final Thread thread;
    private final List<Long> percents = new ArrayList<>();
    private volatile boolean running = true;

    CpuSampler(long pid, Duration interval) {
        this.thread = Thread.ofVirtual().start(() -> {
            try {
                long ticks = ProcStats.cpuTicks(pid);
                long at = System.nanoTime();
                while (running) {
                    Thread.sleep(interval);
                    long now = System.nanoTime();
                    long newTicks = ProcStats.cpuTicks(pid);
                    synchronized (percents) {
                        percents.add(Math.round(ProcStats.cpuPercent(ticks, newTicks, at, now)));
                    }
                    ticks = newTicks;
                    at = now;
                }
            } catch (Exception e) {
                // the process ended or the thread was stopped: keep what was sampled
            }
        });
    }

    long peakPercent() {
        synchronized (percents) {
            return percents.stream().mapToLong(Long::longValue).max().orElse(0);
        }
    }

    List<Long> samples() {
        synchronized (percents) {
            return List.copyOf(percents);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
    }
}
