package io.secureconnect.bench.health;

import io.secureconnect.bench.BenchContext;
import io.secureconnect.bench.Benchmark;
import io.secureconnect.bench.BenchmarkFailure;
import io.secureconnect.bench.load.HttpOperations;
import io.secureconnect.bench.report.BenchmarkResult;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The cheapest request there is, once through the gateway and once straight to a service, at the same rate: the
 * difference is what the gateway hop itself costs (routing, filters, one more connection).
 */
public final class HealthBenchmark implements Benchmark {

    static final String DEFAULT_GATEWAY = "http://127.0.0.1:8080/health";
    static final String DEFAULT_DIRECT = "http://127.0.0.1:8081/health";

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    @Override
    public String name() {
        return "health";
    }

    @Override
    public String description() {
        return "GET /health through the gateway and directly to a service, same rate, side by side.";
    }

    @Override
    public Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("gateway", "gateway URL (env SC_BENCH_GATEWAY, default " + DEFAULT_GATEWAY + ")");
        options.put("direct", "service URL (env SC_BENCH_DIRECT, default " + DEFAULT_DIRECT + ")");
        return options;
    }

    @Override
    public List<BenchmarkResult> run(BenchContext context) throws Exception {
        URI gateway = context.uriOption("gateway", "SC_BENCH_GATEWAY", DEFAULT_GATEWAY);
        URI direct = context.uriOption("direct", "SC_BENCH_DIRECT", DEFAULT_DIRECT);
        // both before either load, so a missing service fails in seconds, not after the gateway's run
        requireAnswering(context, "gateway", gateway, "SC_BENCH_GATEWAY");
        requireAnswering(context, "direct", direct, "SC_BENCH_DIRECT");
        Duration timeout = context.profile().timeout();
        return List.of(
                context.measure("gateway", gateway.toString(), HttpOperations.get(context.http(), gateway, timeout)),
                context.measure("direct", direct.toString(), HttpOperations.get(context.http(), direct, timeout)));
    }

    @Override
    public List<String> notes(List<BenchmarkResult> results) {
        if (results.size() != 2) {
            return List.of();
        }
        var gateway = results.get(0).outcome().latencyMillis();
        var direct = results.get(1).outcome().latencyMillis();
        if (gateway.count() == 0 || direct.count() == 0) {
            return List.of();
        }
        return List.of(String.format(Locale.ROOT,
                "The gateway hop adds %+.3f ms at p50, %+.3f ms at p99 and %+.3f ms on the mean.",
                gateway.p50() - direct.p50(), gateway.p99() - direct.p99(), gateway.mean() - direct.mean()));
    }

    private static void requireAnswering(BenchContext context, String label, URI target, String environmentVariable)
            throws BenchmarkFailure {
        Optional<String> problem = HttpOperations.probe(context.http(), target, PROBE_TIMEOUT);
        if (problem.isPresent()) {
            throw new BenchmarkFailure(("the %s target %s does not answer (%s). Start the suite with "
                    + "./secureconnect up, or point --%s / %s at a running one.")
                    .formatted(label, target, problem.get(), label, environmentVariable));
        }
    }
}
