package io.secureconnect.bench.report;

import io.secureconnect.bench.load.LoadOutcome;
import io.secureconnect.bench.load.LoadProfile;

/**
 * One measured load against one target.
 *
 * @param label      short name of the target in the table ("gateway", "direct", "rate-500")
 * @param target     what was called, e.g. the URL
 * @param parameters the load it ran under
 * @param outcome    what it measured
 */
public record BenchmarkResult(String label, String target, LoadProfile parameters, LoadOutcome outcome) {
}
