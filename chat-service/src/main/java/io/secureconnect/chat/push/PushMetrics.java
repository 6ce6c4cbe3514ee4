package io.secureconnect.chat.push;

import java.util.List;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * {@code push_notifications_total{provider}} counts every push once, when it is done with (accepted, or given up
 * after the last try); {@code push_notifications_failed_total{provider,reason}} the part that failed, with the
 * provider's reason in snake_case, so failed / total is the failure ratio the PushFailures alert watches;
 * {@code push_queue_size} what waits or is in flight.
 */
@Component
class PushMetrics {

    private final MeterRegistry registry;

    PushMetrics(MeterRegistry registry) {
        this.registry = registry;
        // every provider's series exist from startup, at zero, so dashboards and the PushFailures ratio have data
        for (String provider : List.of("fcm", "apns", "webpush")) {
            registry.counter("push_notifications", "provider", provider);
            registry.counter("push_notifications_failed", "provider", provider, "reason", "unavailable");
        }
    }

    void sent(String provider) {
        registry.counter("push_notifications", "provider", provider).increment();
    }

    void failed(String provider, String reason) {
        sent(provider);
        registry.counter("push_notifications_failed", "provider", provider, "reason", label(reason)).increment();
    }

    void pending(Supplier<Number> size) {
        Gauge.builder("push_queue_size", size).description("Push deliveries queued or in flight").register(registry);
    }

    /** {@code BadDeviceToken} → {@code bad_device_token}; anything odd → {@code other}, so labels stay few. */
    static String label(String reason) {
        String snake = reason == null ? "other" : reason.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
        return snake.matches("[a-z0-9_]{1,40}") ? snake : "other";
    }
}
