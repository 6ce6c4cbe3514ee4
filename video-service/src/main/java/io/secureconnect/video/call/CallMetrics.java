package io.secureconnect.video.call;

import java.time.Duration;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The call metrics of ARCHITECTURE §7 ({@code calls_total}, {@code calls_active}, {@code calls_duration_seconds},
 * {@code calls_failed_total{reason}}, {@code calls_recovered_total}; {@code websocket_connections} is registered by
 * the signaling handler). Registered at startup so dashboards see zeros, not gaps.
 */
@Component
public class CallMetrics {

    private final MeterRegistry registry;
    private final Counter recovered;
    private final Timer duration;

    CallMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (String media : new String[] {"audio", "video"}) {
            calls(media);
        }
        for (String reason : new String[] {"full", "not_member", "missed", "declined", "expired"}) {
            failures(reason);
        }
        this.recovered = Counter.builder("calls.recovered")
                .description("Live calls taken up again from Redis after a restart").register(registry);
        this.duration = Timer.builder("calls.duration").description("Duration of answered calls, start to end")
                .serviceLevelObjectives(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
                        Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1))
                .register(registry);
    }

    /** Gauges whose values other components own. */
    public void registerActive(Supplier<Number> activeCalls) {
        Gauge.builder("calls.active", activeCalls).description("Calls with a participant connected to this instance")
                .register(registry);
    }

    void created(String media) {
        calls(media).increment();
    }

    public void failed(String reason) {
        failures(reason).increment();
    }

    private Counter failures(String reason) {
        return Counter.builder("calls.failed").description("Calls or joins that failed, by reason").tag("reason", reason)
                .register(registry);
    }

    public void recovered(int calls) {
        recovered.increment(calls);
    }

    void ended(Duration answered) {
        duration.record(answered);
    }

    private Counter calls(String media) {
        return Counter.builder("calls").description("Calls placed").tag("media", media).register(registry);
    }
}
