package io.secureconnect.common.os;

import java.util.concurrent.ThreadFactory;

/**
 * Threads for work that may wait whenever request threads want the CPU (password hashing, batch jobs): each one
 * sets its own OS nice value as it starts (see {@link ThreadNiceness}), so the scheduler serves request threads
 * first when both want a core, and gives the background work every core nobody else uses.
 */
public final class BackgroundThreads {

    private BackgroundThreads() {
    }

    /** Platform threads from {@code threads} that run at the lowest OS priority (nice 19). */
    public static ThreadFactory atLowestPriority(ThreadFactory threads) {
        return atNiceness(ThreadNiceness.LOWEST, threads);
    }

    /**
     * Platform threads from {@code threads} that run at the given nice value (0 to 19; 0 leaves them at normal
     * priority, a switch to compare with).
     */
    public static ThreadFactory atNiceness(int niceness, ThreadFactory threads) {
        if (niceness < 0 || niceness > ThreadNiceness.LOWEST) {
            throw new IllegalArgumentException("niceness must be 0 (normal) to 19 (lowest), not " + niceness);
        }
        if (niceness == 0) {
            return threads;
        }
        return task -> threads.newThread(() -> {
            ThreadNiceness.setForCurrentThread(niceness);
            task.run();
        });
    }
}
