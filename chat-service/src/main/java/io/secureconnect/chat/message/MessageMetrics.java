package io.secureconnect.chat.message;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/** The message counters of ARCHITECTURE §7: {@code messages} committed and {@code messages_sent} by channel. */
@Component
class MessageMetrics {

    private final MeterRegistry registry;
    private final Counter stored;

    MessageMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.stored = Counter.builder("messages").description("Messages committed to PostgreSQL").register(registry);
        // registered at zero, so dashboards and alerts see the series before the first message
        for (String channel : List.of("rest", "websocket")) {
            sent(channel);
        }
    }

    /** A message committed, by the channel it came in on ({@code rest} or {@code websocket}). */
    void stored(String channel) {
        stored.increment();
        sent(channel).increment();
    }

    private Counter sent(String channel) {
        return Counter.builder("messages_sent").tag("channel", channel).description("Messages stored, by how they came in")
                .register(registry);
    }
}
