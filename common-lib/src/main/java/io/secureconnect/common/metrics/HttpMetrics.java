package io.secureconnect.common.metrics;

import java.time.Duration;
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
        String routeLabel = route == null ? UNMATCHED : route;
        String statusLabel = Integer.toString(status);
        Counter.builder("http.requests")
                .description("HTTP requests served")
                .tags("method", method, "route", routeLabel, "status", statusLabel)
                .register(registry)
                .increment();
        Timer.builder("http.request.duration")
                .description("HTTP request latency")
                .tags("method", method, "route", routeLabel, "status", statusLabel)
                .publishPercentileHistogram()
                // the gateway's latency SLO boundary (configs/prometheus/slo.yml) as a bucket of its own
                .serviceLevelObjectives(LATENCY_SLO)
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry)
                .record(duration);
    }
}
