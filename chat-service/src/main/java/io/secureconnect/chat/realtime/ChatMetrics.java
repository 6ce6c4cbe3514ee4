package io.secureconnect.chat.realtime;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/** Chat's metrics of ARCHITECTURE §7 (the gauge {@code websocket_connections} is registered by {@link LocalConnections}). */
@Component
public class ChatMetrics {

    private final MeterRegistry registry;
    private final Counter framesIn;
    private final Counter framesOut;
    private final Counter stored;
    private final Counter delivered;

    ChatMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.framesIn = Counter.builder("websocket_messages").tag("direction", "in")
                .description("WebSocket frames received").register(registry);
        this.framesOut = Counter.builder("websocket_messages").tag("direction", "out")
                .description("WebSocket frames sent").register(registry);
        this.stored = Counter.builder("messages").description("Messages committed to PostgreSQL").register(registry);
        this.delivered = Counter.builder("messages_received")
                .description("Message frames written to members' sockets on this instance").register(registry);
        // registered at zero, so dashboards and alerts see the series before the first error or message
        for (String reason : List.of("rate_limited", "flood", "slow_consumer", "frame_too_big", "binary_frame", "transport")) {
            websocketErrors(reason);
        }
        for (String channel : List.of("rest", "websocket")) {
            sent(channel);
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

    /** A message committed, by the channel it came in on ({@code rest} or {@code websocket}). */
    public void messageStored(String channel) {
        stored.increment();
        sent(channel).increment();
    }

    private Counter websocketErrors(String reason) {
        return Counter.builder("websocket_errors").tag("reason", reason).description("WebSocket connections that failed or were cut")
                .register(registry);
    }

    private Counter sent(String channel) {
        return Counter.builder("messages_sent").tag("channel", channel).description("Messages stored, by how they came in")
                .register(registry);
    }
}
