package io.secureconnect.chat.push;

import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * {@code push_notifications_total{provider}} counts pushes a provider accepted;
 * {@code push_notifications_failed_total{provider,reason}} those that never got there (after the last try), with
 * the provider's reason in snake_case; {@code push_queue_size} what waits or is in flight.
 */
@Component
class PushMetrics {

    private final MeterRegistry registry;

    PushMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void sent(String provider) {
        registry.counter("push_notifications", "provider", provider).increment();
    }

    void failed(String provider, String reason) {
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
