package io.secureconnect.chat.realtime;

import java.util.List;
import java.util.Map;

import io.secureconnect.chat.ChatProperties;
import io.secureconnect.chat.presence.Presence;
import io.secureconnect.common.requestid.RequestIds;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * The life of a {@code /ws/chat} socket: register it, greet it with {@code ready}, pass each frame through the
 * connection's rate limit to {@link InboundFrames}, and forget it when it closes. Each frame runs with the user
 * and a fresh request id in the MDC, so logs and audit events of socket work look like those of REST calls.
 */
@Component
class ChatSocketHandler extends AbstractWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ChatSocketHandler.class);
    private static final String CONNECTION = ChatConnection.class.getName();

    private final LocalConnections connections;
    private final InboundFrames frames;
    private final Presence presence;
    private final Fanout fanout;
    private final ChatMetrics metrics;
    private final ChatProperties.WebSocket limits;
    private final int maxFrameChars;

    ChatSocketHandler(LocalConnections connections, InboundFrames frames, Presence presence, Fanout fanout,
                      ChatMetrics metrics, ChatProperties properties) {
        this.connections = connections;
        this.frames = frames;
        this.presence = presence;
        this.fanout = fanout;
        this.metrics = metrics;
        this.limits = properties.websocket();
        this.maxFrameChars = (int) Math.min(Integer.MAX_VALUE, limits.maxFrameSize().toBytes());
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        if (!(session.getPrincipal() instanceof JwtAuthenticationToken authentication)) {
            closeQuietly(session, CloseCodes.TOKEN_EXPIRED); // the filter chain lets no such handshake through
            return;
        }
        var connection = new ChatConnection(session, authentication.getToken(), limits.outboundQueue(),
                new InboundRateLimit(limits.framesPerSecond(), limits.frameBurst(), limits.floodLimit()),
                metrics);
        session.getAttributes().put(CONNECTION, connection);
        connections.add(connection);
        presence.heartbeat(connection.userId(), connection.id(), false);
        fanout.toConnection(connection, ServerFrames.frame("ready", "userId", connection.userId(),
                "connectionId", connection.id(), "heartbeatSeconds", limits.idleTimeout().toSeconds() / 3,
                "maxFrameBytes", limits.maxFrameSize().toBytes()));
    }

    /** The container's buffers are small; a bigger frame arrives in parts, put together here up to the limit. */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        ChatConnection connection = (ChatConnection) session.getAttributes().get(CONNECTION);
        if (connection == null || !connection.isOpen()) {
            return;
        }
        String payload = connection.assemble(message.getPayload(), message.isLast(), maxFrameChars);
        if (payload == null) {
            if (connection.frameTooBig()) {
                tooBig(connection);
            }
            return;
        }
        metrics.frameIn();
        connection.touched();
        switch (connection.inbound().take()) {
            case ALLOW -> received(connection, payload);
            case REFUSE -> {
                metrics.websocketError("rate_limited");
                // named, so the client knows which frame to send again, and when
                fanout.toConnection(connection, ServerFrames.frame("error", "code", "RATE_LIMITED",
                        "detail", "Too many frames; slow down.", "ref", frames.refOf(payload),
                        "retryAfterMs", connection.inbound().millisUntilNextFrame()));
            }
            case DISCONNECT -> {
                metrics.websocketError("flood");
                log.info("Disconnecting WebSocket {} of user {}: flooding", connection.id(), connection.userId());
                connection.closeAfterPending(CloseCodes.RATE_LIMITED);
            }
        }
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        ChatConnection connection = (ChatConnection) session.getAttributes().get(CONNECTION);
        if (connection == null || !connection.isOpen()) {
            return;
        }
        if (connection.countBinary(message.getPayloadLength(), message.isLast(), maxFrameChars)) {
            metrics.websocketError("binary_frame");
            fanout.toConnection(connection, ServerFrames.error("MALFORMED_FRAME", "Frames are JSON text.", null));
        } else if (connection.frameTooBig()) {
            tooBig(connection);
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        metrics.websocketError("transport");
        log.debug("WebSocket {} transport error", session.getId(), exception);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        ChatConnection connection = (ChatConnection) session.getAttributes().remove(CONNECTION);
        if (connection == null) {
            return;
        }
        connection.closed();
        connections.remove(connection);
        presence.disconnected(connection.userId(), connection.id());
    }

    /** A frame above the limit closes the socket with 1009, as the container itself would. */
    private void tooBig(ChatConnection connection) {
        metrics.websocketError("frame_too_big");
        log.info("Closing WebSocket {} of user {}: frame above {} characters", connection.id(), connection.userId(),
                maxFrameChars);
        connection.close(CloseStatus.TOO_BIG_TO_PROCESS);
    }

    private void received(ChatConnection connection, String payload) {
        try {
            connection.received(payload, batch -> handle(connection, batch));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Frames waiting on one socket; they share a request id in the logs (their sends share a commit). */
    private void handle(ChatConnection connection, List<String> payloads) {
        Map<String, String> previous = MDC.getCopyOfContextMap();
        MDC.put("user_id", connection.userId().toString());
        MDC.put(RequestIds.MDC_KEY, RequestIds.generate());
        try {
            frames.handleAll(connection, payloads);
        } finally {
            if (previous == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(previous);
            }
        }
    }

    private static void closeQuietly(WebSocketSession session, CloseStatus status) {
        try {
            session.close(status);
        } catch (Exception e) {
            log.debug("Closing WebSocket {} failed", session.getId(), e);
        }
    }
}
