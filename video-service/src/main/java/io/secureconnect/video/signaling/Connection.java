package io.secureconnect.video.signaling;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One signaling socket of a participant. Sends are serialized by the session decorator around it, so relays from
 * many threads never interleave; a peer that stops reading is dropped rather than slowing the others.
 */
final class Connection {

    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    private final WebSocketSession session;
    private final UUID callId;
    private final UUID userId;
    private final UUID connectionId;
    private final String deviceId;
    private final FrameBudget budget;
    private volatile Jwt token;
    private volatile String closeReason;

    Connection(WebSocketSession session, UUID callId, UUID userId, String deviceId, FrameBudget budget,
               Jwt token) {
        this.session = session;
        this.callId = callId;
        this.userId = userId;
        this.connectionId = UUID.randomUUID();
        this.deviceId = deviceId;
        this.budget = budget;
        this.token = token;
    }

    UUID callId() {
        return callId;
    }

    UUID userId() {
        return userId;
    }

    UUID connectionId() {
        return connectionId;
    }

    String deviceId() {
        return deviceId;
    }

    FrameBudget budget() {
        return budget;
    }

    /** The access token the connection is authenticated with now (the handshake's, or the last {@code auth}'s). */
    Jwt token() {
        return token;
    }

    Instant tokenExpiry() {
        return token.getExpiresAt();
    }

    String sessionId() {
        return token.getClaimAsString("sid");
    }

    void reauthenticated(Jwt token) {
        this.token = token;
    }

    /** Why the server closed this connection (replaced, ended, ...), or null when the client went away. */
    String closeReason() {
        return closeReason;
    }

    boolean isOpen() {
        return session.isOpen();
    }

    void send(String frame) {
        if (!session.isOpen()) {
            return;
        }
        try {
            session.sendMessage(new TextMessage(frame));
        } catch (IOException | RuntimeException e) {
            // a slow or broken peer (send buffer or time limit exceeded) is dropped; the sender never sees its failure
            log.debug("Could not send to connection {} of call {}: {}", connectionId, callId, e.toString());
            close(CloseStatus.SESSION_NOT_RELIABLE, "send_failed");
        }
    }

    void close(CloseStatus status, String reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
        try {
            session.close(status);
        } catch (IOException | IllegalStateException e) {
            log.debug("Could not close connection {} of call {}", connectionId, callId, e);
        }
    }
}
