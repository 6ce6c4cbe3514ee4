package io.secureconnect.common.websocket;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The socket metrics of ARCHITECTURE §7, the same for every socket: frames in and out ({@code websocket_messages}),
 * sockets cut or frames refused by reason ({@code websocket_errors}); the gauge {@code websocket_connections} is
 * {@link SocketRegistry}'s.
 */
public class SocketMetrics {

    private static final List<String> REASONS = List.of("rate_limited", "flood", "slow_consumer", "frame_too_big",
            "binary_frame", "transport", "write_failed", "undeliverable_frame", "malformed_frame");

    private final MeterRegistry registry;
    private final Counter framesIn;
    private final Counter framesOut;

    public SocketMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.framesIn = Counter.builder("websocket_messages").tag("direction", "in")
                .description("WebSocket frames received").register(registry);
        this.framesOut = Counter.builder("websocket_messages").tag("direction", "out")
                .description("WebSocket frames sent").register(registry);
        // registered at zero, so dashboards and alerts see the series before the first error
        REASONS.forEach(this::errors);
    }

    void frameIn() {
        framesIn.increment();
    }

    void frameOut() {
        framesOut.increment();
    }

    public void error(String reason) {
        errors(reason).increment();
    }

    private Counter errors(String reason) {
        return Counter.builder("websocket_errors").tag("reason", reason)
                .description("WebSocket connections that failed or were cut, and frames refused").register(registry);
    }
}
