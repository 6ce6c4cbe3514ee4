package io.secureconnect.bench.load;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Fixed-rate (open-model) load: request {@code i} is due at {@code t0 + i / rate} and starts then on its own virtual
 * thread, whether or not earlier requests have finished. Latency runs from that intended start to completion, so when
 * the system stalls, every request that arrived during the stall carries the stall (no coordinated omission). A
 * closed-loop client would instead wait, send fewer requests, and report one slow sample.
 *
 * <p>Arrivals beyond {@link LoadProfile#maxInFlight()} outstanding requests are dropped and counted, never queued.
 * The run always ends by itself: after the last arrival it waits at most the timeout plus a short grace, then counts
 * whatever is still outstanding as timeouts and abandons it.
 */
public final class OpenModelLoad {

    /** Time after the last request's timeout for operations that honour the timeout to report it themselves. */
    private static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final LoadProfile profile;

    public OpenModelLoad(LoadProfile profile) {
        this.profile = profile;
    }

    /** Runs warmup then the measured phase against the operation; returns the measured phase only. */
    public LoadOutcome run(Operation operation) throws InterruptedException {
        return new Run(operation).execute();
    }

    private record Request(long intendedStart, PhaseRecorder phase) {
    }

    /**
     * The state of one run. Admission, settlement and the final tally share this object's lock, so each request is
     * counted exactly once: by itself when it finishes, or as a timeout when the run closes, whichever comes first.
     */
    private final class Run {

        private final Operation operation;
        private final double periodNanos = 1e9 / profile.ratePerSecond();
        private final long timeoutNanos = profile.timeout().toNanos();
        private final PhaseRecorder warmup = new PhaseRecorder();
        private final PhaseRecorder measured = new PhaseRecorder();
        private final Map<Long, Request> inFlight = new HashMap<>();
        private final Histogram startLagMicros = PhaseRecorder.newMicrosHistogram();
        private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        private long measureStart;

        Run(Operation operation) {
            this.operation = operation;
        }

        LoadOutcome execute() throws InterruptedException {
            long start = System.nanoTime();
            measureStart = start + profile.warmup().toNanos();
            long end = measureStart + profile.duration().toNanos();
            try {
                long lastArrival = schedule(start, end);
                drain(lastArrival + timeoutNanos + GRACE_NANOS);
            } finally {
                threads.shutdownNow();
            }
            synchronized (this) {
                return measured.outcome(measureStart, profile.duration().toNanos(), startLagMicros, warmup.arrivals());
            }
        }

        /** Starts every request of both phases on schedule; a late generator catches up rather than skipping. */
        private long schedule(long start, long end) throws InterruptedException {
            long lastArrival = start;
            for (long i = 0; ; i++) {
                long intended = start + Math.round(i * periodNanos);
                if (intended >= end) {
                    return lastArrival;
                }
                sleepUntil(intended);
                lastArrival = intended;
                long index = i;
                if (admit(index, intended)) {
                    if (intended >= measureStart) {
                        PhaseRecorder.recordNanos(startLagMicros, System.nanoTime() - intended);
                    }
                    threads.execute(() -> perform(index));
                }
            }
        }

        private synchronized boolean admit(long index, long intended) {
            PhaseRecorder phase = intended < measureStart ? warmup : measured;
            phase.arrival();
            if (inFlight.size() >= profile.maxInFlight()) {
                phase.drop();
                return false;
            }
            inFlight.put(index, new Request(intended, phase));
            return true;
        }

        private void perform(long index) {
            Throwable failure = null;
            try {
                operation.perform();
            } catch (Throwable t) {
                failure = t;
            }
            settle(index, failure, System.nanoTime());
        }

        /** Any request slower than the timeout is a timeout, whatever the operation reported. */
        private synchronized void settle(long index, Throwable failure, long now) {
            Request request = inFlight.remove(index);
            if (request == null) {
                return;
            }
            long latency = now - request.intendedStart();
            if (latency > timeoutNanos) {
                request.phase().timeout(latency, now);
            } else if (failure == null) {
                request.phase().success(latency, now);
            } else {
                request.phase().failure(failure, latency, now);
            }
        }

        private void drain(long deadline) throws InterruptedException {
            threads.shutdown();
            threads.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            long now = System.nanoTime();
            synchronized (this) {
                inFlight.values().forEach(request -> request.phase().timeout(now - request.intendedStart(), now));
                inFlight.clear();
            }
        }
    }

    private static void sleepUntil(long deadline) throws InterruptedException {
        for (long remaining = deadline - System.nanoTime(); remaining > 0; remaining = deadline - System.nanoTime()) {
            LockSupport.parkNanos(remaining);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
