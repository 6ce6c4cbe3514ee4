package io.secureconnect.bench.gateway;

import io.secureconnect.bench.BenchContext;
import io.secureconnect.bench.Benchmark;
import io.secureconnect.bench.BenchmarkFailure;
import io.secureconnect.bench.load.DurationText;
import io.secureconnect.bench.load.HttpOperations;
import io.secureconnect.bench.load.LatencyStats;
import io.secureconnect.bench.load.LoadProfile;
import io.secureconnect.bench.load.OpenModelLoad;
import io.secureconnect.bench.load.Operation;
import io.secureconnect.bench.report.BenchmarkResult;
import io.secureconnect.bench.report.MachineLoad;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the gateway hop costs: the same small public GET straight to a service, through the api-gateway, and
 * through nginx (the reference reverse proxy), at fixed rates, in one run on one machine. The benchmark starts what
 * it measures itself: an nginx stub as the service (a fixed JSON answer), the real gateway jar routing to it, and
 * nginx as a proxy in front of it. Targets take turns at each rate, after a warm-up of the gateway's JIT.
 * The goal: p99 through the gateway at most 1.3 x direct + 2 ms.
 */
public final class GatewayOverheadBenchmark implements Benchmark {

    static final String DEFAULT_JAR = "api-gateway/target/api-gateway.jar";
    static final String DEFAULT_NGINX = "/usr/sbin/nginx";
    static final String DEFAULT_RATES = "1000,3000";
    static final String PATH = "/.well-known/jwks.json";

    /** CPU time of the proxy (or, for direct, the stub) per request, by result label; filled by {@link #run}. */
    private final Map<String, Double> cpuPerRequest = new LinkedHashMap<>();
    /** The gateway's JVM options; filled by {@link #run}. */
    private List<String> gatewayJavaOptions = List.of();

    @Override
    public String name() {
        return "gateway";
    }

    @Override
    public String description() {
        return "The same small GET direct to a stub service, through the api-gateway and through nginx, at fixed "
                + "rates: the gateway's latency overhead.";
    }

    @Override
    public Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("rates", "comma-separated rates, each measured for every target (default " + DEFAULT_RATES + ")");
        options.put("gateway-jar", "api-gateway jar (env SC_BENCH_GATEWAY_JAR, default " + DEFAULT_JAR + ")");
        options.put("nginx", "nginx binary (default " + DEFAULT_NGINX + ")");
        options.put("gateway-java-options", "JVM options of the gateway process, separated by spaces (default: none)");
        options.put("redis", "Redis URL for the gateway's rate limits (default: a private redis-server started for the run)");
        options.put("jit-warmup", "load on the gateway before anything is measured, so that C2 has compiled its hot paths (default 60s)");
        return options;
    }

    @Override
    public List<BenchmarkResult> run(BenchContext context) throws Exception {
        List<Double> rates = rates(context.option("rates", null, DEFAULT_RATES));
        Path jar = Path.of(context.option("gateway-jar", "SC_BENCH_GATEWAY_JAR", DEFAULT_JAR)).toAbsolutePath();
        Path nginx = Path.of(context.option("nginx", null, DEFAULT_NGINX));
        List<String> javaOptions = Arrays.stream(context.option("gateway-java-options", null, "").trim().split("\\s+"))
                .filter(option -> !option.isEmpty()).toList();
        gatewayJavaOptions = javaOptions;
        String redisUrl = context.option("redis", null, null);
        Duration jitWarmup = DurationText.parse(context.option("jit-warmup", null, "60s"));
        context.progress("machine before the run: " + MachineLoad.describe());

        Path work = Files.createTempDirectory("sc-bench-gateway-");
        int servicePort = ChildProcess.freePort();
        int gatewayPort = ChildProcess.freePort();
        int proxyPort = ChildProcess.freePort();
        int redisPort = ChildProcess.freePort();
        String redis = redisUrl != null ? redisUrl : "redis://127.0.0.1:" + redisPort;
        try (ChildProcess privateRedis = redisUrl != null ? null : PrivateRedis.start(work, redisPort);
             ChildProcess stub = Nginx.stubService(nginx, work, servicePort, context.http());
             ChildProcess proxy = Nginx.proxy(nginx, work, proxyPort, servicePort, context.http());
             ChildProcess gateway = GatewayProcess.start(jar, javaOptions, work, gatewayPort, servicePort, redis,
                     context.http())) {
            Map<String, URI> targets = new LinkedHashMap<>();
            targets.put("direct", URI.create("http://127.0.0.1:" + servicePort + PATH));
            targets.put("gateway", URI.create("http://127.0.0.1:" + gatewayPort + PATH));
            targets.put("nginx", URI.create("http://127.0.0.1:" + proxyPort + PATH));
            for (var target : targets.entrySet()) {
                requireAnswering(context, target.getKey(), target.getValue());
            }
            Duration timeout = context.profile().timeout();
            context.progress("warming up the gateway's JIT for " + jitWarmup.toSeconds() + " s");
            new OpenModelLoad(context.profile().withRate(rates.getFirst()).withWarmup(Duration.ZERO)
                    .withDuration(jitWarmup)).run(HttpOperations.get(context.http(), targets.get("gateway"), timeout));

            Map<String, ChildProcess> proxies = Map.of("gateway", gateway, "nginx", proxy);
            List<BenchmarkResult> results = new ArrayList<>();
            for (double rate : rates) {
                LoadProfile load = context.profile().withRate(rate);
                for (var target : targets.entrySet()) {
                    Operation get = HttpOperations.get(context.http(), target.getValue(), timeout);
                    ChildProcess measured = proxies.getOrDefault(target.getKey(), stub);
                    Optional<Duration> cpuBefore = measured.cpuTime();
                    BenchmarkResult result = context.measure(label(target.getKey(), rate), target.getValue().toString(),
                            load, get);
                    results.add(result);
                    cpuBefore.flatMap(before -> measured.cpuTime().map(after -> after.minus(before)))
                            .ifPresent(cpu -> cpuPerRequest.put(result.label(), cpu.toNanos() / 1000.0
                                    / Math.max(1, result.outcome().completed() + result.outcome().warmupRequests())));
                }
            }
            return results;
        } finally {
            context.progress("work folder (configs, logs): " + work);
        }
    }

    @Override
    public List<String> notes(List<BenchmarkResult> results) {
        Map<String, BenchmarkResult> byLabel = results.stream()
                .collect(Collectors.toMap(BenchmarkResult::label, r -> r, (a, b) -> a, LinkedHashMap::new));
        List<String> notes = new ArrayList<>();
        notes.add("Machine load when the run started: " + MachineLoad.describe() + ".");
        notes.add("The gateway's JVM options: " + (gatewayJavaOptions.isEmpty() ? "none (the JVM's defaults)"
                : String.join(" ", gatewayJavaOptions)) + ".");
        for (BenchmarkResult direct : results) {
            if (!direct.label().startsWith("direct@")) {
                continue;
            }
            String rate = direct.label().substring("direct@".length());
            LatencyStats base = direct.outcome().latencyMillis();
            Optional.ofNullable(byLabel.get("gateway@" + rate)).map(r -> r.outcome().latencyMillis())
                    .ifPresent(gateway -> notes.add(verdict(rate, base, gateway)));
            Optional.ofNullable(byLabel.get("nginx@" + rate)).map(r -> r.outcome().latencyMillis())
                    .ifPresent(nginx -> notes.add(String.format(Locale.ROOT,
                            "%s/s: nginx adds %+.3f ms at p50 and %+.3f ms at p99 (p99 %.2f x direct).",
                            rate, nginx.p50() - base.p50(), nginx.p99() - base.p99(), ratio(nginx.p99(), base.p99()))));
        }
        if (!cpuPerRequest.isEmpty()) {
            notes.add("CPU per request (user + system of that process and its children over warm-up and measured "
                    + "phase, divided by the requests it served; direct = the nginx stub): " + cpuPerRequest.entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s %.0f us", e.getKey(), e.getValue()))
                    .collect(Collectors.joining(", ")) + ".");
        }
        return notes;
    }

    static String verdict(String rate, LatencyStats direct, LatencyStats gateway) {
        double limit = 1.3 * direct.p99() + 2.0;
        return String.format(Locale.ROOT,
                "%s/s: the gateway adds %+.3f ms at p50 and %+.3f ms at p99 (p50 %.2f x, p99 %.2f x direct); "
                        + "goal p99 <= 1.3 x direct + 2 ms = %.3f ms: %s.",
                rate, gateway.p50() - direct.p50(), gateway.p99() - direct.p99(), ratio(gateway.p50(), direct.p50()),
                ratio(gateway.p99(), direct.p99()), limit, gateway.p99() <= limit ? "met" : "NOT met");
    }

    private static double ratio(double value, double base) {
        return base == 0 ? Double.NaN : value / base;
    }

    static String label(String target, double rate) {
        return target + "@" + (rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate));
    }

    static List<Double> rates(String text) throws BenchmarkFailure {
        try {
            List<Double> rates = Arrays.stream(text.split(",")).map(String::trim).map(Double::parseDouble).toList();
            if (rates.isEmpty() || rates.stream().anyMatch(rate -> rate <= 0)) {
                throw new NumberFormatException();
            }
            return rates;
        } catch (NumberFormatException e) {
            throw new BenchmarkFailure("--rates: expected positive numbers separated by commas, got '" + text + "'");
        }
    }

    private static void requireAnswering(BenchContext context, String label, URI target) throws BenchmarkFailure {
        Optional<String> problem = HttpOperations.probe(context.http(), target, Duration.ofSeconds(3));
        if (problem.isPresent()) {
            throw new BenchmarkFailure("the " + label + " target " + target + " does not answer: " + problem.get());
        }
    }
}
