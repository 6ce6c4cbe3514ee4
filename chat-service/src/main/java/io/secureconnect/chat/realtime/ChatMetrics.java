package io.secureconnect.chat.realtime;

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
        registry.counter("websocket_errors", "reason", reason).increment();
    }

    /** A message committed, by the channel it came in on ({@code rest} or {@code websocket}). */
    public void messageStored(String channel) {
        stored.increment();
        registry.counter("messages_sent", "channel", channel).increment();
    }
}
