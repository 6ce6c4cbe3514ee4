package io.secureconnect.video.signaling;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/** The signaling sockets open on this instance, by call and user (a user has one connection per call). */
@Component
public class LocalConnections {

    private final Map<UUID, Map<UUID, Connection>> byCall = new ConcurrentHashMap<>();

    /** Registers the connection; the same user's previous connection to the call on this instance, or null. */
    Connection add(Connection connection) {
        return byCall.computeIfAbsent(connection.callId(), id -> new ConcurrentHashMap<>())
                .put(connection.userId(), connection);
    }

    /** Removes the connection if it is still the user's current one. */
    boolean remove(Connection connection) {
        boolean[] removed = {false};
        byCall.computeIfPresent(connection.callId(), (id, users) -> {
            removed[0] = users.remove(connection.userId(), connection);
            return users.isEmpty() ? null : users;
        });
        return removed[0];
    }

    Connection get(UUID callId, UUID userId) {
        Map<UUID, Connection> users = byCall.get(callId);
        return users == null ? null : users.get(userId);
    }

    Collection<Connection> inCall(UUID callId) {
        Map<UUID, Connection> users = byCall.get(callId);
        return users == null ? List.of() : List.copyOf(users.values());
    }

    /** Whether this instance has the participant's current connection open. */
    public boolean serves(UUID callId, UUID userId, UUID connectionId) {
        Connection connection = get(callId, userId);
        return connection != null && connection.connectionId().equals(connectionId) && connection.isOpen();
    }

    public int callCount() {
        return byCall.size();
    }

    public Set<UUID> callIds() {
        return Set.copyOf(byCall.keySet());
    }
}
