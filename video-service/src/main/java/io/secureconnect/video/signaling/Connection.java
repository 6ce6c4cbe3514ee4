package io.secureconnect.video.signaling;

import java.util.UUID;

import io.secureconnect.common.websocket.SocketConnection;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;

/**
 * A participant's signaling socket in one call: the socket runtime's connection, the call it joined, and the id
 * the call knows the participant's connection by. A peer that stops reading fills only its own queue and is
 * dropped (4500) rather than slowing the others.
 */
final class Connection {

    private final SocketConnection socket;
    private final UUID callId;
    private final UUID connectionId = UUID.randomUUID();
    private final String deviceId;
    private volatile String closeReason;

    Connection(SocketConnection socket, UUID callId, String deviceId) {
        this.socket = socket;
        this.callId = callId;
        this.deviceId = deviceId;
    }

    SocketConnection socket() {
        return socket;
    }

    UUID callId() {
        return callId;
    }

    UUID userId() {
        return socket.userId();
    }

    UUID connectionId() {
        return connectionId;
    }

    String deviceId() {
        return deviceId;
    }

    /** Why the call closed this connection (replaced, ended, left), or null otherwise. */
    String closeReason() {
        return closeReason;
    }

    boolean isOpen() {
        return socket.isOpen();
    }

    void send(String frame) {
        socket.send(new TextMessage(frame));
    }

    /** Closes once the frames queued before are written, so the peer reads why. */
    void close(CloseStatus status, String reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
        socket.closeAfterPending(status);
    }
}
