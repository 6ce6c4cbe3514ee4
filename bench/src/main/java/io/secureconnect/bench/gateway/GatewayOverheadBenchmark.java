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
import io.secureconnect.bench.load.UnexpectedStatusException;
import io.secureconnect.bench.report.BenchmarkResult;
import io.secureconnect.bench.report.MachineLoad;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * What the gateway hop costs: the same request straight to a service, through the api-gateway, and through nginx
 * (the reference reverse proxy), at fixed rates, in one run on one machine, for three kinds of request
 * ({@link GatewayRoute}: public, with a bearer token, a WebSocket upgrade), with the processes sharing the cores as
 * they like and pinned to cores of their own ({@link Pinning}). The benchmark starts what it measures itself: an
 * nginx stub as the service (a fixed JSON answer, and the JWKS of the benchmark's signing key), a WebSocket stub
 * process, the real gateway jar routing to them, and nginx as a proxy in front of them. Targets take turns at each
 * rate, after a warm-up of the gateway's JIT on each route. The goals: p99 through the gateway at most
 * 1.3 x direct + 2 ms, and at most 3 x nginx's CPU per request.
 */
public final class GatewayOverheadBenchmark implements Benchmark {

    static final String DEFAULT_JAR = "api-gateway/target/api-gateway.jar";
    static final String DEFAULT_NGINX = "/usr/sbin/nginx";
    static final String DEFAULT_RATES = "1000,3000";
    static final String DEFAULT_WS_RATES = "100,300";
    static final double CPU_GOAL = 3.0;
    private static final List<String> TARGETS = List.of("direct", "gateway", "nginx");
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    /** One rate of one route under one pinning: the three targets measured one after the other. */
    record Cell(GatewayRoute route, Pinning pinning, double rate, boolean plainLabels) {

        /** {@code gateway@1000}, as before routes and pinning existed, when only that was asked for; else qualified. */
        String label(String target) {
            String plain = GatewayOverheadBenchmark.label(target, rate);
            return plainLabels ? plain : plain + "/" + route.label() + "/" + pinning.label();
        }

        String heading() {
            String rateText = GatewayOverheadBenchmark.label("", rate).substring(1) + "/s";
            return plainLabels ? rateText : route.label() + ", " + pinning.label() + ", " + rateText;
        }
    }

    /** The cells measured, in order; filled by {@link #run}. */
    private final List<Cell> cells = new ArrayList<>();
    /** CPU time of the proxy (or, for direct, the stub) per request, by result label; filled by {@link #run}. */
    private final Map<String, Double> cpuPerRequest = new LinkedHashMap<>();
    /** What the run did that the notes should say (the token pool, pinning or why not); filled by {@link #run}. */
    private final List<String> runNotes = new ArrayList<>();
    /** The gateway's JVM options; filled by {@link #run}. */
    private List<String> gatewayJavaOptions = List.of();

    @Override
    public String name() {
        return "gateway";
    }

    @Override
    public String description() {
        return "The same requests (public GET, GET with a bearer token, WebSocket upgrade) direct to a stub service, "
                + "through the api-gateway and through nginx, at fixed rates, unpinned and pinned to cores: the "
                + "gateway's latency and CPU overhead.";
    }

    @Override
    public Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("routes", "comma-separated, some of " + GatewayRoute.DEFAULT_LIST + " (default all three)");
        options.put("pinning", "comma-separated, some of " + Pinning.DEFAULT_LIST + " (default both; pinned: load "
                + "generator and stubs on one core, the proxy under test on another, with taskset)");
        options.put("rates", "comma-separated rates of the HTTP routes, each measured for every target (default "
                + DEFAULT_RATES + ")");
        options.put("ws-rates", "comma-separated rates of WebSocket upgrades per second (default " + DEFAULT_WS_RATES + ")");
        options.put("tokens", "access tokens (each its own user and session) used round robin (default "
                + AccessTokenPool.DEFAULT_SIZE + ")");
        options.put("gateway-jar", "api-gateway jar (env SC_BENCH_GATEWAY_JAR, default " + DEFAULT_JAR + ")");
        options.put("nginx", "nginx binary (default " + DEFAULT_NGINX + ")");
        options.put("gateway-java-options", "JVM options of the gateway process, separated by spaces (default: none)");
        options.put("redis", "Redis URL for the gateway's rate limits and revocation lookups (default: a private redis-server started for the run)");
        options.put("jit-warmup", "load on the gateway before anything is measured, so that C2 has compiled its hot "
                + "paths (default 60s; a third of it for each further route)");
        return options;
    }

    @Override
    public List<BenchmarkResult> run(BenchContext context) throws Exception {
        List<Double> rates = rates(context.option("rates", null, DEFAULT_RATES), "--rates");
        List<Double> webSocketRates = rates(context.option("ws-rates", null, DEFAULT_WS_RATES), "--ws-rates");
        List<GatewayRoute> routes = GatewayRoute.parse(context.option("routes", null, GatewayRoute.DEFAULT_LIST));
        List<Pinning> pinnings = new ArrayList<>(Pinning.parse(context.option("pinning", null, Pinning.DEFAULT_LIST)));
        int tokenCount = positiveInteger(context.option("tokens", null, Integer.toString(AccessTokenPool.DEFAULT_SIZE)));
        Path jar = Path.of(context.option("gateway-jar", "SC_BENCH_GATEWAY_JAR", DEFAULT_JAR)).toAbsolutePath();
        Path nginx = Path.of(context.option("nginx", null, DEFAULT_NGINX));
        List<String> javaOptions = Arrays.stream(context.option("gateway-java-options", null, "").trim().split("\\s+"))
                .filter(option -> !option.isEmpty()).toList();
        gatewayJavaOptions = javaOptions;
        String redisUrl = context.option("redis", null, null);
        Duration jitWarmup = DurationText.parse(context.option("jit-warmup", null, "60s"));
        boolean plainLabels = routes.equals(List.of(GatewayRoute.PUBLIC)) && pinnings.equals(List.of(Pinning.UNPINNED));
        CpuPinning cpus = pinningIfPossible(pinnings, context);
        context.progress("machine before the run: " + MachineLoad.describe());

        AccessTokenPool tokens = AccessTokenPool.create(tokenCount, GatewayProcess.ISSUER, GatewayProcess.AUDIENCE);
        if (routes.stream().anyMatch(GatewayRoute::needsToken)) {
            runNotes.add("Tokens: a pool of " + tokens.size() + " ES256 access tokens, each of its own user (sub) and "
                    + "session (sid), used round robin, so a token cache in the gateway would see each token again "
                    + "every " + tokens.size() + " requests (as with that many active users). The gateway checks "
                    + "signature, iss, aud, exp and sub, and looks the session up in Redis's revocation list; nginx "
                    + "forwards the same requests and does no JWT work at all.");
        }
        boolean webSockets = routes.contains(GatewayRoute.WEBSOCKET);
        Path work = Files.createTempDirectory("sc-bench-gateway-");
        int servicePort = ChildProcess.freePort();
        int webSocketPort = webSockets ? ChildProcess.freePort() : servicePort;
        int gatewayPort = ChildProcess.freePort();
        int proxyPort = ChildProcess.freePort();
        int redisPort = ChildProcess.freePort();
        String redis = redisUrl != null ? redisUrl : "redis://127.0.0.1:" + redisPort;
        try (ChildProcess privateRedis = redisUrl != null ? null : PrivateRedis.start(work, redisPort);
             ChildProcess stub = Nginx.stubService(nginx, work, servicePort, tokens.jwks(), context.http());
             ChildProcess webSocketStub = webSockets ? WebSocketStub.start(work, webSocketPort, context.http()) : null;
             ChildProcess proxy = Nginx.proxy(nginx, work, proxyPort, servicePort,
                     webSockets ? OptionalInt.of(webSocketPort) : OptionalInt.empty(), context.http());
             ChildProcess gateway = GatewayProcess.start(jar, javaOptions, work, gatewayPort, servicePort, webSocketPort,
                     redis, context.http())) {
            Map<String, Integer> ports = Map.of("gateway", gatewayPort, "nginx", proxyPort);
            Map<GatewayRoute, Map<String, URI>> targets = new LinkedHashMap<>();
            for (GatewayRoute route : routes) {
                Map<String, URI> byTarget = new LinkedHashMap<>();
                for (String target : TARGETS) {
                    int port = ports.getOrDefault(target, route == GatewayRoute.WEBSOCKET ? webSocketPort : servicePort);
                    byTarget.put(target, URI.create(route.scheme() + "://127.0.0.1:" + port + route.path()));
                }
                targets.put(route, byTarget);
                for (var target : byTarget.entrySet()) {
                    requireAnswering(context, route, target.getKey(), target.getValue(), tokens, work);
                }
            }
            List<ChildProcess> clientSide = new ArrayList<>(List.of(stub));
            Optional.ofNullable(webSocketStub).ifPresent(clientSide::add);
            Optional.ofNullable(privateRedis).ifPresent(clientSide::add);
            Duration timeout = context.profile().timeout();
            List<BenchmarkResult> results = new ArrayList<>();
            boolean firstPinning = true;
            for (Pinning pinning : pinnings) {
                applyPinning(pinning, cpus, clientSide, List.of(gateway, proxy), context);
                for (GatewayRoute route : routes) {
                    List<Double> routeRates = route == GatewayRoute.WEBSOCKET ? webSocketRates : rates;
                    if (firstPinning) {
                        Duration warmup = route == routes.getFirst() ? jitWarmup : jitWarmup.dividedBy(3);
                        context.progress("warming up the gateway's JIT on the " + route.label() + " route for "
                                + warmup.toSeconds() + " s");
                        new OpenModelLoad(context.profile().withRate(routeRates.getFirst()).withWarmup(Duration.ZERO)
                                .withDuration(warmup)).run(operation(route, context.http(),
                                targets.get(route).get("gateway"), tokens, timeout));
                    }
                    for (double rate : routeRates) {
                        Cell cell = new Cell(route, pinning, rate, plainLabels);
                        cells.add(cell);
                        LoadProfile load = context.profile().withRate(rate);
                        for (var target : targets.get(route).entrySet()) {
                            ChildProcess measured = switch (target.getKey()) {
                                case "gateway" -> gateway;
                                case "nginx" -> proxy;
                                default -> route == GatewayRoute.WEBSOCKET ? webSocketStub : stub;
                            };
                            results.add(measure(context, cell.label(target.getKey()), target.getValue(), load,
                                    operation(route, context.http(), target.getValue(), tokens, timeout), measured));
                        }
                    }
                }
                firstPinning = false;
            }
            long sessionChecks = Nginx.sessionChecksAnswered(work);
            if (routes.stream().anyMatch(GatewayRoute::needsToken)) {
                runNotes.add(sessionChecks == 0
                    ? "The gateway never fell back to asking auth-service (the stub) whether a session is revoked: "
                            + "its Redis stayed healthy in its eyes."
                    : "The gateway asked auth-service (the stub, which answers 204 at once) " + sessionChecks
                            + " times whether a session is revoked: it deemed its Redis degraded for a while (a ping "
                            + "or lookup too slow, e.g. under overload), so those checks cost an HTTP call instead.");
            }
            return results;
        } finally {
            if (cpus != null) {
                cpus.unpin(ProcessHandle.current().pid());
            }
            context.progress("work folder (configs, logs): " + work);
        }
    }

    private BenchmarkResult measure(BenchContext context, String label, URI target, LoadProfile load,
                                    Operation operation, ChildProcess measured) throws InterruptedException {
        Optional<Duration> cpuBefore = measured.cpuTime();
        BenchmarkResult result = context.measure(label, target.toString(), load, operation);
        cpuBefore.flatMap(before -> measured.cpuTime().map(after -> after.minus(before)))
                .ifPresent(cpu -> cpuPerRequest.put(result.label(), cpu.toNanos() / 1000.0
                        / Math.max(1, result.outcome().completed() + result.outcome().warmupRequests())));
        return result;
    }

    /** The pinning tool when pinned runs were asked for and can be done; otherwise drops them, with a note why. */
    private CpuPinning pinningIfPossible(List<Pinning> pinnings, BenchContext context) throws BenchmarkFailure {
        if (!pinnings.contains(Pinning.PINNED)) {
            return null;
        }
        CpuPinning.Availability availability = CpuPinning.detect();
        if (availability.pinning().isPresent()) {
            CpuPinning cpus = availability.pinning().get();
            runNotes.add("Pinned runs: this benchmark's JVM (the load generator), the nginx stub, the WebSocket stub "
                    + "and the private Redis on core " + cpus.clientCore() + "; the gateway and the nginx proxy on core "
                    + cpus.proxyCore() + " (taskset -a -p, applied to the running processes: the gateway's JVM sized its "
                    + "GC and compiler threads for all cores at startup). Unpinned runs: every process may use every "
                    + "core, as the scheduler likes.");
            return cpus;
        }
        pinnings.remove(Pinning.PINNED);
        String skipped = "Pinned runs skipped: " + availability.whyNot() + ".";
        runNotes.add(skipped);
        context.progress(skipped);
        if (pinnings.isEmpty()) {
            throw new BenchmarkFailure("--pinning pinned: " + availability.whyNot());
        }
        return null;
    }

    private static void applyPinning(Pinning pinning, CpuPinning cpus, List<ChildProcess> clientSide,
                                     List<ChildProcess> proxies, BenchContext context)
            throws IOException, InterruptedException {
        if (cpus == null) {
            return; // only unpinned runs: leave every process as it started
        }
        List<Long> clientPids = new ArrayList<>(List.of(ProcessHandle.current().pid()));
        clientSide.forEach(process -> clientPids.addAll(process.pids()));
        List<Long> proxyPids = new ArrayList<>();
        proxies.forEach(process -> proxyPids.addAll(process.pids()));
        for (long pid : clientPids) {
            if (pinning == Pinning.PINNED) {
                cpus.pin(pid, cpus.clientCore());
            } else {
                cpus.unpin(pid);
            }
        }
        for (long pid : proxyPids) {
            if (pinning == Pinning.PINNED) {
                cpus.pin(pid, cpus.proxyCore());
            } else {
                cpus.unpin(pid);
            }
        }
        context.progress(pinning == Pinning.PINNED
                ? "pinned: load generator and stubs (pids " + clientPids + ") on core " + cpus.clientCore()
                        + ", gateway and nginx proxy (pids " + proxyPids + ") on core " + cpus.proxyCore()
                : "unpinned: every process on every core");
    }

    static Operation operation(GatewayRoute route, HttpClient http, URI uri, AccessTokenPool tokens, Duration timeout) {
        return switch (route) {
            case PUBLIC -> HttpOperations.get(http, uri, timeout);
            case AUTHENTICATED -> () -> HttpOperations.send(http, withToken(uri, tokens.next(), timeout), timeout)
                    .perform();
            case WEBSOCKET -> WebSocketUpgrade.operation(http, uri, tokens::next, timeout);
        };
    }

    private static HttpRequest withToken(URI uri, String token, Duration timeout) {
        return HttpRequest.newBuilder(uri).GET().timeout(timeout).header("Authorization", "Bearer " + token).build();
    }

    @Override
    public List<String> notes(List<BenchmarkResult> results) {
        Map<String, BenchmarkResult> byLabel = results.stream()
                .collect(Collectors.toMap(BenchmarkResult::label, r -> r, (a, b) -> a, LinkedHashMap::new));
        List<String> notes = new ArrayList<>();
        notes.add("Machine load when the run started: " + MachineLoad.describe() + ".");
        notes.add("The gateway's JVM options: " + (gatewayJavaOptions.isEmpty() ? "none (the JVM's defaults)"
                : String.join(" ", gatewayJavaOptions)) + ".");
        notes.addAll(runNotes);
        if (cells.stream().anyMatch(cell -> cell.route() == GatewayRoute.WEBSOCKET)) {
            notes.add("WebSocket rows: one upgrade each (a new connection, the handshake with the token as the "
                    + "`bearer` subprotocol, until the socket is open; the close follows unmeasured); direct = the "
                    + "benchmark's WebSocket stub, a JVM process of its own.");
        }
        for (Cell cell : cells) {
            Optional<LatencyStats> direct = latency(byLabel, cell.label("direct"));
            Optional<LatencyStats> gateway = latency(byLabel, cell.label("gateway"));
            Optional<LatencyStats> nginx = latency(byLabel, cell.label("nginx"));
            if (direct.isPresent() && gateway.isPresent()) {
                notes.add(verdict(cell.heading(), direct.get(), gateway.get()));
            }
            if (direct.isPresent() && nginx.isPresent()) {
                LatencyStats base = direct.get();
                notes.add(String.format(Locale.ROOT, "%s: nginx adds %+.3f ms at p50 and %+.3f ms at p99 (p99 %.2f x direct).",
                        cell.heading(), nginx.get().p50() - base.p50(), nginx.get().p99() - base.p99(),
                        ratio(nginx.get().p99(), base.p99())));
            }
            cpuNote(cell.heading(), cpuPerRequest.get(cell.label("direct")), cpuPerRequest.get(cell.label("gateway")),
                    cpuPerRequest.get(cell.label("nginx")), cell.route()).ifPresent(notes::add);
        }
        if (!cpuPerRequest.isEmpty()) {
            notes.add("CPU per request: user + system of that process and its children (nginx's workers) over warm-up "
                    + "and measured phase, divided by the requests it served; direct = the stub (nginx, or the "
                    + "WebSocket stub). The gateway's figure leaves out Redis's share of its rate-limit and revocation "
                    + "lookups; nginx makes none.");
        }
        return notes;
    }

    private static Optional<LatencyStats> latency(Map<String, BenchmarkResult> byLabel, String label) {
        return Optional.ofNullable(byLabel.get(label)).map(result -> result.outcome().latencyMillis());
    }

    static String verdict(String heading, LatencyStats direct, LatencyStats gateway) {
        double limit = 1.3 * direct.p99() + 2.0;
        return String.format(Locale.ROOT,
                "%s: the gateway adds %+.3f ms at p50 and %+.3f ms at p99 (p50 %.2f x, p99 %.2f x direct); "
                        + "goal p99 <= 1.3 x direct + 2 ms = %.3f ms: %s.",
                heading, gateway.p50() - direct.p50(), gateway.p99() - direct.p99(), ratio(gateway.p50(), direct.p50()),
                ratio(gateway.p99(), direct.p99()), limit, gateway.p99() <= limit ? "met" : "NOT met");
    }

    /** The three CPU figures of a cell and the gateway/nginx ratio against the goal; empty without /proc. */
    static Optional<String> cpuNote(String heading, Double direct, Double gateway, Double nginx, GatewayRoute route) {
        if (gateway == null && nginx == null) {
            return Optional.empty();
        }
        String stub = route == GatewayRoute.WEBSOCKET ? "WebSocket stub" : "nginx stub";
        StringBuilder note = new StringBuilder(heading).append(": CPU per request: direct (").append(stub).append(") ")
                .append(micros(direct)).append(", gateway ").append(micros(gateway)).append(", nginx proxy ")
                .append(micros(nginx));
        if (gateway != null && nginx != null && nginx > 0) {
            double ratio = gateway / nginx;
            note.append(String.format(Locale.ROOT, "; gateway/nginx %.1f x, goal <= %.0f x: %s", ratio, CPU_GOAL,
                    ratio <= CPU_GOAL ? "met" : "NOT met"));
        }
        return Optional.of(note.append('.').toString());
    }

    private static String micros(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.0f us", value);
    }

    private static double ratio(double value, double base) {
        return base == 0 ? Double.NaN : value / base;
    }

    static String label(String target, double rate) {
        return target + "@" + (rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate));
    }

    static List<Double> rates(String text) throws BenchmarkFailure {
        return rates(text, "--rates");
    }

    static List<Double> rates(String text, String option) throws BenchmarkFailure {
        try {
            List<Double> rates = Arrays.stream(text.split(",")).map(String::trim).map(Double::parseDouble).toList();
            if (rates.isEmpty() || rates.stream().anyMatch(rate -> rate <= 0)) {
                throw new NumberFormatException();
            }
            return rates;
        } catch (NumberFormatException e) {
            throw new BenchmarkFailure(option + ": expected positive numbers separated by commas, got '" + text + "'");
        }
    }

    private static int positiveInteger(String text) throws BenchmarkFailure {
        try {
            int value = Integer.parseInt(text.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BenchmarkFailure("--tokens: expected a positive whole number, got '" + text + "'");
    }

    /**
     * One request of the route to the target before any load: it must succeed, and a refused token gets a message
     * that says what the gateway checks it against.
     */
    private static void requireAnswering(BenchContext context, GatewayRoute route, String label, URI target,
                                         AccessTokenPool tokens, Path work)
            throws BenchmarkFailure, InterruptedException {
        if (route == GatewayRoute.PUBLIC) {
            Optional<String> problem = HttpOperations.probe(context.http(), target, PROBE_TIMEOUT);
            if (problem.isPresent()) {
                throw new BenchmarkFailure("the " + label + " target " + target + " does not answer: " + problem.get());
            }
            return;
        }
        try {
            operation(route, context.http(), target, tokens, PROBE_TIMEOUT).perform();
        } catch (UnexpectedStatusException e) {
            if (e.status() == 401 || e.status() == 403) {
                throw new BenchmarkFailure("the " + label + " target " + target + " refused the benchmark's token with "
                        + "HTTP " + e.status() + explanation(context.http(), route, target, tokens) + ". The gateway "
                        + "checks tokens against SC_JWKS_URI (the stub's " + GatewayRoute.PUBLIC.path() + "), issuer '"
                        + GatewayProcess.ISSUER + "' and audience '" + GatewayProcess.AUDIENCE + "'; its log is in "
                        + work.resolve("gateway.out"));
            }
            throw new BenchmarkFailure("the " + label + " target " + target + " answered HTTP " + e.status()
                    + " on the " + route.label() + " route");
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new BenchmarkFailure("the " + label + " target " + target + " does not answer the " + route.label()
                    + " route: " + e);
        }
    }

    /** For an HTTP route, what the refusal said (WWW-Authenticate and the problem body); best effort. */
    private static String explanation(HttpClient http, GatewayRoute route, URI target, AccessTokenPool tokens) {
        if (route != GatewayRoute.AUTHENTICATED) {
            return "";
        }
        try {
            HttpResponse<String> response = http.send(withToken(target, tokens.next(), PROBE_TIMEOUT),
                    HttpResponse.BodyHandlers.ofString());
            return " (WWW-Authenticate: " + response.headers().firstValue("WWW-Authenticate").orElse("none")
                    + "; body: " + response.body().strip() + ")";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
