package io.secureconnect.bench;

import io.secureconnect.bench.load.DurationText;
import io.secureconnect.bench.load.LoadOutcome;
import io.secureconnect.bench.load.LoadProfile;
import io.secureconnect.bench.load.OpenModelLoad;
import io.secureconnect.bench.load.Operation;
import io.secureconnect.bench.report.BenchmarkResult;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Locale;
import java.util.Map;

/**
 * What a {@link Benchmark} gets to work with: the load profile from the command line, its own options (flag, then
 * environment variable, then default), a shared HTTP client and a way to measure one target.
 */
public final class BenchContext {

    private final LoadProfile profile;
    private final Map<String, String> options;
    private final Map<String, String> environment;
    private final HttpClient http;
    private final PrintStream console;

    BenchContext(LoadProfile profile, Map<String, String> options, Map<String, String> environment, HttpClient http,
                 PrintStream console) {
        this.profile = profile;
        this.options = Map.copyOf(options);
        this.environment = Map.copyOf(environment);
        this.http = http;
        this.console = console;
    }

    public LoadProfile profile() {
        return profile;
    }

    /**
     * The profile at this benchmark's own default rate unless the user gave {@code --rate}: for a benchmark whose
     * natural rate is far from the common default (a login costs tens of milliseconds of CPU, a health check a few
     * microseconds).
     */
    public LoadProfile profileWithDefaultRate(double defaultRate) {
        return options.containsKey("rate") ? profile : profile.withRate(defaultRate);
    }

    /**
     * HTTP/1.1 (no h2c upgrade dance that would differ between gateway and services), no redirects, connect timeout
     * equal to the request timeout, completions on virtual threads.
     */
    public HttpClient http() {
        return http;
    }

    /** {@code --name value} if given, else the environment variable (when not null), else the default. */
    public String option(String name, String environmentVariable, String defaultValue) {
        String value = options.get(name);
        if (value == null && environmentVariable != null) {
            value = environment.get(environmentVariable);
        }
        return value == null || value.isBlank() ? defaultValue : value;
    }

    /** Like {@link #option} for an absolute http(s) URL. */
    public URI uriOption(String name, String environmentVariable, String defaultValue) throws BenchmarkFailure {
        String value = option(name, environmentVariable, defaultValue);
        try {
            URI uri = URI.create(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below, with the option's name
        }
        throw new BenchmarkFailure("--%s%s: not an http(s) URL: '%s'".formatted(name,
                environmentVariable == null ? "" : " / " + environmentVariable, value));
    }

    /** Runs the profile's load (warmup, then measured phase) against one target and returns its result. */
    public BenchmarkResult measure(String label, String target, Operation operation) throws InterruptedException {
        return measure(label, target, profile, operation);
    }

    /** Same, under another profile (for a rate sweep, say). */
    public BenchmarkResult measure(String label, String target, LoadProfile load, Operation operation)
            throws InterruptedException {
        progress("%s: %s/s for %s after %s warmup -> %s".formatted(label,
                BigDecimal.valueOf(load.ratePerSecond()).stripTrailingZeros().toPlainString(),
                DurationText.format(load.duration()), DurationText.format(load.warmup()), target));
        LoadOutcome outcome = new OpenModelLoad(load).run(operation);
        progress("%s: %d ok, %d failed, %d dropped; p50 %.3f ms, p99 %.3f ms, max %.3f ms".formatted(label,
                outcome.ok(), outcome.failed(), outcome.dropped(), outcome.latencyMillis().p50(),
                outcome.latencyMillis().p99(), outcome.latencyMillis().max()));
        return new BenchmarkResult(label, target, load, outcome);
    }

    /** A line of progress for the person at the terminal (stderr; stdout carries the report). */
    public void progress(String message) {
        console.println("[bench] " + message);
    }
}
