package io.secureconnect.chat.realtime;

import java.util.Collection;
import java.util.UUID;

import io.secureconnect.common.websocket.SocketConnection;
import io.secureconnect.common.websocket.SocketRegistry;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;

/** Writes a frame, written once, to every socket the given users have open on this instance. */
@Component
class LocalConnections {

    private final SocketRegistry sockets;
    private final ChatMetrics metrics;

    LocalConnections(SocketRegistry sockets, ChatMetrics metrics) {
        this.sockets = sockets;
        this.metrics = metrics;
    }

    boolean isConnected(UUID userId) {
        return sockets.isConnected(userId);
    }

    /** A message frame is counted as delivered ({@code messages_received}) for every socket it is written to. */
    void deliver(Collection<UUID> userIds, TextMessage frame, boolean isMessage) {
        for (UUID userId : userIds) {
            for (SocketConnection connection : sockets.of(userId)) {
                connection.send(frame);
                if (isMessage) {
                    metrics.messageDelivered();
                }
            }
        }
    }
}
