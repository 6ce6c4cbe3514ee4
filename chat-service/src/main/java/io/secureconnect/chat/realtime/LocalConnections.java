package io.secureconnect.chat.realtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;

/** The sockets open on this instance, by user (one user may have several devices connected). */
@Component
class LocalConnections {

    private final Map<UUID, Set<ChatConnection>> byUser = new ConcurrentHashMap<>();
    private final ChatMetrics metrics;

    LocalConnections(MeterRegistry registry, ChatMetrics metrics) {
        this.metrics = metrics;
        Gauge.builder("websocket_connections", this, LocalConnections::count)
                .description("Open /ws/chat connections on this instance").register(registry);
    }

    /** Registers a connection; true when it is the user's first on this instance. */
    boolean add(ChatConnection connection) {
        boolean[] first = {false};
        byUser.compute(connection.userId(), (user, set) -> {
            Set<ChatConnection> connections = set == null ? ConcurrentHashMap.newKeySet() : set;
            first[0] = connections.isEmpty();
            connections.add(connection);
            return connections;
        });
        return first[0];
    }

    /** Removes a connection; true when the user has no other connection left on this instance. */
    boolean remove(ChatConnection connection) {
        boolean[] last = {false};
        byUser.computeIfPresent(connection.userId(), (user, set) -> {
            set.remove(connection);
            last[0] = set.isEmpty();
            return set.isEmpty() ? null : set;
        });
        return last[0];
    }

    boolean isConnected(UUID userId) {
        return byUser.containsKey(userId);
    }

    /** Writes a frame to every local socket of the given users. */
    void deliver(Collection<UUID> userIds, TextMessage frame, boolean isMessage) {
        for (UUID userId : userIds) {
            Set<ChatConnection> connections = byUser.get(userId);
            if (connections == null) {
                continue;
            }
            for (ChatConnection connection : connections) {
                connection.send(frame);
                if (isMessage) {
                    metrics.messageDelivered();
                }
            }
        }
    }

    List<ChatConnection> all() {
        List<ChatConnection> all = new ArrayList<>();
        byUser.values().forEach(all::addAll);
        return all;
    }

    int count() {
        return byUser.values().stream().mapToInt(Set::size).sum();
    }
}
