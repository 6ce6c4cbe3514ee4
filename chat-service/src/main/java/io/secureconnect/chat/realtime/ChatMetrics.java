package io.secureconnect.chat.realtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * {@code messages_received} of ARCHITECTURE §7: message frames written to members' sockets here. The socket metrics
 * ({@code websocket_*}) are the socket runtime's, the other message counters the message package's.
 */
@Component
class ChatMetrics {

    private final Counter delivered;

    ChatMetrics(MeterRegistry registry) {
        // registered at zero, so dashboards and alerts see the series before the first message
        this.delivered = Counter.builder("messages_received")
                .description("Message frames written to members' sockets on this instance").register(registry);
    }

    void messageDelivered() {
        delivered.increment();
    }
}
