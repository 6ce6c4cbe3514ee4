package io.secureconnect.bench.load;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What happened to the requests whose intended start fell in the measured phase of an {@link OpenModelLoad}.
 *
 * @param scheduled           arrivals: requests the schedule called for ({@code rate x duration})
 * @param completed           requests that finished, successfully or not ({@code ok + failed})
 * @param ok                  2xx (or, for non-HTTP operations, normal return) within the timeout
 * @param failed              completed requests that did not succeed; broken down in {@code errors}
 * @param dropped             arrivals not sent because {@code maxInFlight} requests were already outstanding
 * @param errors              failed requests by {@link FailureKind#label()}
 * @param errorStatuses       non-2xx responses by status code
 * @param latencyMillis       latency of completed requests (ok and failed), from intended start to completion
 * @param throughputPerSecond completed requests per second of the measured phase (at least its nominal duration)
 * @param goodputPerSecond    ok requests per second, same denominator
 * @param startLagMillis      how late the generator itself started requests; high values mean the client, not the
 *                            system under test, was the bottleneck (the delay still counts in the latency)
 * @param warmupRequests      arrivals of the discarded warmup phase
 */
public record LoadOutcome(long scheduled, long completed, long ok, long failed, long dropped, Map<String, Long> errors,
                          Map<String, Long> errorStatuses, LatencyStats latencyMillis, double throughputPerSecond,
                          double goodputPerSecond, LatencyStats startLagMillis, long warmupRequests) {

    public LoadOutcome {
        // copies that keep the caller's order, so the JSON lists kinds and statuses in a stable order
        errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
        errorStatuses = Collections.unmodifiableMap(new LinkedHashMap<>(errorStatuses));
    }

    public long errorCount(FailureKind kind) {
        return errors.getOrDefault(kind.label(), 0L);
    }
}
