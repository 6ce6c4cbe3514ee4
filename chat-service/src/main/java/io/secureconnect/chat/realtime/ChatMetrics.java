package io.secureconnect.chat.realtime;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Chat's socket metrics of ARCHITECTURE §7 (the gauge {@code websocket_connections} is registered by
 * {@link LocalConnections}; the message counters by the message package).
 */
@Component
public class ChatMetrics {

    private final MeterRegistry registry;
    private final Counter framesIn;
    private final Counter framesOut;
    private final Counter delivered;

    ChatMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.framesIn = Counter.builder("websocket_messages").tag("direction", "in")
                .description("WebSocket frames received").register(registry);
        this.framesOut = Counter.builder("websocket_messages").tag("direction", "out")
                .description("WebSocket frames sent").register(registry);
        this.delivered = Counter.builder("messages_received")
                .description("Message frames written to members' sockets on this instance").register(registry);
        // registered at zero, so dashboards and alerts see the series before the first error or message
        for (String reason : List.of("rate_limited", "flood", "slow_consumer", "frame_too_big", "binary_frame", "transport")) {
            websocketErrors(reason);
        }
    }

    void frameIn() {
        framesIn.increment();
    }

    void frameOut() {
        framesOut.increment();
    }

    void messageDelivered() {
        delivered.increment();
    }

    void websocketError(String reason) {
        websocketErrors(reason).increment();
    }

    private Counter websocketErrors(String reason) {
        return Counter.builder("websocket_errors").tag("reason", reason).description("WebSocket connections that failed or were cut")
                .register(registry);
    }
}
