package io.secureconnect.common.os;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Linux nice value of the calling thread, set through libc's {@code setpriority(PRIO_PROCESS, gettid(), n)}
 * with the Foreign Function &amp; Memory API. Java thread priorities are ignored on Linux for anyone but root, while
 * Linux keeps a nice value per thread (not per process, unlike POSIX says) and lets any thread raise its own. Under
 * the kernel's fair scheduler a nice 19 thread weighs 15 against 1024 for a nice 0 one: it gets a core almost only
 * when nothing else wants it, and all of it then.
 *
 * <p>Best effort by design: where the call is not available (another OS, a libc without {@code gettid}, native
 * access denied) or fails, the thread keeps its priority and this is logged once.
 */
public final class ThreadNiceness {

    /** The lowest priority Linux gives a thread. */
    public static final int LOWEST = 19;

    private static final Logger LOG = LoggerFactory.getLogger(ThreadNiceness.class);
    private static final int PRIO_PROCESS = 0;
    private static final AtomicBoolean REPORTED = new AtomicBoolean();
    private static final Optional<Libc> LIBC = Libc.load();

    private ThreadNiceness() {
    }

    /**
     * Sets the calling thread's nice value ({@code 0} leaves the thread alone). Returns whether it was set; a
     * platform thread is needed, since a virtual thread's carrier changes under it.
     */
    public static boolean setForCurrentThread(int niceness) {
        if (niceness == 0) {
            return false;
        }
        if (Thread.currentThread().isVirtual()) {
            throw new IllegalStateException("a virtual thread has no OS thread of its own to renice");
        }
        if (LIBC.isEmpty()) {
            return false;
        }
        try {
            int errno = LIBC.get().setOwnNiceness(niceness);
            if (errno != 0) {
                reportOnce(() -> LOG.warn("setpriority({}) failed with errno {}: background threads run at normal"
                        + " priority", niceness, errno));
                return false;
            }
            reportOnce(() -> LOG.info("background threads run at nice {}", niceness));
            return true;
        } catch (Throwable e) {
            // e.g. IllegalCallerException where native access is denied (--illegal-native-access=deny)
            reportOnce(() -> LOG.warn("could not lower a thread's OS priority ({}): background threads run at"
                    + " normal priority", e.toString()));
            return false;
        }
    }

    private static void reportOnce(Runnable log) {
        if (REPORTED.compareAndSet(false, true)) {
            log.run();
        }
    }

    /** The two libc functions, bound once. */
    private record Libc(MethodHandle gettid, MethodHandle setpriority, StructLayout callState, VarHandle errno) {

        static Optional<Libc> load() {
            String os = System.getProperty("os.name", "");
            if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
                reportOnce(() -> LOG.info("{} is not Linux: background threads run at normal priority", os));
                return Optional.empty();
            }
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                Optional<MemorySegment> gettid = libc.find("gettid");   // glibc 2.30 and later
                Optional<MemorySegment> setpriority = libc.find("setpriority");
                if (gettid.isEmpty() || setpriority.isEmpty()) {
                    reportOnce(() -> LOG.warn("libc has no gettid/setpriority: background threads run at normal"
                            + " priority"));
                    return Optional.empty();
                }
                Linker.Option errnoCapture = Linker.Option.captureCallState("errno");
                StructLayout callState = Linker.Option.captureStateLayout();
                return Optional.of(new Libc(
                        linker.downcallHandle(gettid.get(), FunctionDescriptor.of(JAVA_INT)),
                        // int setpriority(int which, id_t who, int prio); id_t is a 32-bit unsigned int
                        linker.downcallHandle(setpriority.get(),
                                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), errnoCapture),
                        callState,
                        callState.varHandle(PathElement.groupElement("errno"))));
            } catch (Throwable e) {
                reportOnce(() -> LOG.warn("could not bind libc's setpriority ({}): background threads run at"
                        + " normal priority", e.toString()));
                return Optional.empty();
            }
        }

        /** Returns 0, or the errno setpriority failed with. */
        int setOwnNiceness(int niceness) throws Throwable {
            int tid = (int) gettid.invokeExact();
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment state = arena.allocate(callState);
                int result = (int) setpriority.invokeExact(state, PRIO_PROCESS, tid, niceness);
                return result == 0 ? 0 : (int) errno.get(state, 0L);
            }
        }
    }
}
