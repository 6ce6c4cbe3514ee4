package io.secureconnect.common.websocket;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The sockets open on this instance, by user (one user may have several devices connected). */
public class SocketRegistry {

    private final Map<UUID, Set<SocketConnection>> byUser = new ConcurrentHashMap<>();

    public SocketRegistry(MeterRegistry registry) {
        Gauge.builder("websocket_connections", this, SocketRegistry::count)
                .description("Open WebSocket connections on this instance").register(registry);
    }

    void add(SocketConnection connection) {
        byUser.compute(connection.userId(), (user, set) -> {
            Set<SocketConnection> connections = set == null ? ConcurrentHashMap.newKeySet() : set;
            connections.add(connection);
            return connections;
        });
    }

    void remove(SocketConnection connection) {
        byUser.computeIfPresent(connection.userId(), (user, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
    }

    /** Whether the user has an open socket on this instance (so is online, whatever Redis says). */
    public boolean isConnected(UUID userId) {
        return byUser.containsKey(userId);
    }

    /** The user's sockets on this instance. */
    public Collection<SocketConnection> of(UUID userId) {
        Set<SocketConnection> connections = byUser.get(userId);
        return connections == null ? List.of() : connections;
    }

    public List<SocketConnection> all() {
        List<SocketConnection> all = new ArrayList<>();
        byUser.values().forEach(all::addAll);
        return all;
    }

    public int count() {
        return byUser.values().stream().mapToInt(Set::size).sum();
    }
}
