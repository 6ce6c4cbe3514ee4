package io.secureconnect.common.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Records {@code http_requests_total{method,route,status}}, {@code http_request_duration_seconds} (histogram, so
 * P95/P99 can be computed across instances) and {@code http_requests_in_flight}. The route label is always a
 * template or a fixed word, never a raw path, so the number of series stays bounded.
 */
public class HttpMetrics {

    /** Route label for requests that matched no handler (404s, requests refused before routing). */
    public static final String UNMATCHED = "UNMATCHED";
    static final Duration LATENCY_SLO = Duration.ofMillis(300);

    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();
    /**
     * The counter and timer of each method, route and status, looked up once: building and registering them per
     * request (tags sorted, an id hashed, the registry's map consulted) cost a visible share of the gateway's CPU.
     * Bounded like the series themselves: routes are templates, statuses and methods few.
     */
    private final Map<Series, Meters> meters = new ConcurrentHashMap<>();

    public HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("http.requests.in.flight", inFlight, AtomicInteger::get)
                .description("HTTP requests being served")
                .register(registry);
    }

    public void started() {
        inFlight.incrementAndGet();
    }

    public void finished(String method, String route, int status, Duration duration) {
        inFlight.decrementAndGet();
        Meters series = meters.computeIfAbsent(new Series(method, route == null ? UNMATCHED : route, status),
                this::register);
        series.requests().increment();
        series.duration().record(duration);
    }

    private Meters register(Series series) {
        String status = Integer.toString(series.status());
        Counter requests = Counter.builder("http.requests")
                .description("HTTP requests served")
                .tags("method", series.method(), "route", series.route(), "status", status)
                .register(registry);
        Timer duration = Timer.builder("http.request.duration")
                .description("HTTP request latency")
                .tags("method", series.method(), "route", series.route(), "status", status)
                .publishPercentileHistogram()
                // the gateway's latency SLO boundary (configs/prometheus/slo.yml) as a bucket of its own
                .serviceLevelObjectives(LATENCY_SLO)
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        return new Meters(requests, duration);
    }

    private record Series(String method, String route, int status) {
    }

    private record Meters(Counter requests, Timer duration) {
    }
}
