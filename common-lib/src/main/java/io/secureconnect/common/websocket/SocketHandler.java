package io.secureconnect.common.websocket;

import java.util.List;
import java.util.Map;

import io.secureconnect.common.requestid.RequestIds;
import io.secureconnect.common.security.MfaEnrolment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import tools.jackson.databind.json.JsonMapper;

/**
 * The life of one socket, the same on every path: take the user the handshake authenticated, register the socket,
 * put each frame together up to the size limit (1009 above it), pass it through the socket's frame budget (an
 * {@code error} with {@code retryAfterMs} over it, 4429 for a flood), read it as one of the path's
 * {@link FrameTypes}, and hand it to the {@link SocketEndpoint} with the user and a fresh request id in the MDC, so
 * logs and audit events of socket work look like those of REST calls.
 */
final class SocketHandler extends AbstractWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(SocketHandler.class);
    private static final String CONNECTION = SocketConnection.class.getName();

    private final SocketEndpoint endpoint;
    private final FrameTypes types;
    private final SocketLimits limits;
    private final SocketRegistry registry;
    private final SocketMetrics metrics;
    private final JsonMapper json;

    SocketHandler(SocketEndpoint endpoint, FrameTypes types, SocketLimits limits, SocketRegistry registry,
                  SocketMetrics metrics, JsonMapper json) {
        this.endpoint = endpoint;
        this.types = types;
        this.limits = limits;
        this.registry = registry;
        this.metrics = metrics;
        this.json = json;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        if (!(session.getPrincipal() instanceof JwtAuthenticationToken authentication)) {
            // the filter chain lets no such handshake through; should one come, it is refused all the same
            closeQuietly(session, CloseCodes.status(CloseCodes.UNAUTHENTICATED, "UNAUTHENTICATED"));
            return;
        }
        if (MfaEnrolment.restricted(authentication.getToken())) {
            // a token good only for enrolling a second factor opens no socket (the filter chain refuses it first)
            closeQuietly(session, CloseCodes.status(CloseCodes.FORBIDDEN, MfaEnrolment.Code.MFA_ENROLMENT_REQUIRED.name()));
            return;
        }
        var connection = new SocketConnection(session, authentication.getToken(), limits, metrics, json);
        session.getAttributes().put(CONNECTION, connection);
        registry.add(connection);
        endpoint.opened(connection);
    }

    /** The container's buffers are small; a bigger frame arrives in parts, put together here up to the limit. */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        SocketConnection connection = connectionOf(session);
        if (connection == null || !connection.takesFrames()) {
            return;
        }
        String payload = connection.assemble(message.getPayload(), message.isLast(), limits.maxFrameChars());
        if (payload == null) {
            if (connection.frameTooBig()) {
                tooBig(connection);
            }
            return;
        }
        metrics.frameIn();
        connection.touched();
        long now = System.nanoTime();
        switch (connection.inbound().take(now)) {
            case ALLOW -> received(connection, payload);
            case REFUSE -> {
                metrics.error("rate_limited");
                // named, so the client knows which frame to send again, and when
                connection.send(new ErrorFrame("RATE_LIMITED", "Too many frames; slow down.", types.refOf(payload),
                        connection.inbound().millisUntilNextFrame(now)));
            }
            case DISCONNECT -> {
                metrics.error("flood");
                log.info("Disconnecting WebSocket {} of user {}: flooding", connection.id(), connection.userId());
                connection.refuse(ErrorFrame.of("RATE_LIMITED", "Too many frames; slow down and reconnect."),
                        CloseCodes.RATE_LIMITED);
            }
        }
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        SocketConnection connection = connectionOf(session);
        if (connection == null || !connection.takesFrames()) {
            return;
        }
        if (connection.countBinary(message.getPayloadLength(), message.isLast(), limits.maxFrameChars())) {
            metrics.error("binary_frame");
            connection.send(ErrorFrame.of(FrameTypes.MALFORMED_FRAME, "Frames are JSON text."));
        } else if (connection.frameTooBig()) {
            tooBig(connection);
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        metrics.error("transport");
        log.debug("WebSocket {} transport error", session.getId(), exception);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        SocketConnection connection = (SocketConnection) session.getAttributes().remove(CONNECTION);
        if (connection == null) {
            return;
        }
        connection.closed();
        registry.remove(connection);
        endpoint.closed(connection, status);
    }

    /** A frame above the limit closes the socket with 1009, as the container itself would. */
    private void tooBig(SocketConnection connection) {
        metrics.error("frame_too_big");
        log.info("Closing WebSocket {} of user {}: frame above {} characters", connection.id(), connection.userId(),
                limits.maxFrameChars());
        connection.close(CloseStatus.TOO_BIG_TO_PROCESS);
    }

    private void received(SocketConnection connection, String payload) {
        try {
            connection.received(payload, batch -> handle(connection, batch));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Frames waiting on one socket; they share a request id in the logs (a service may store them in one commit). */
    private void handle(SocketConnection connection, List<String> payloads) {
        Map<String, String> previous = MDC.getCopyOfContextMap();
        MDC.put("user_id", connection.userId().toString());
        MDC.put(RequestIds.MDC_KEY, RequestIds.generate());
        try {
            endpoint.received(connection, payloads.stream().map(types::read).toList());
        } finally {
            if (previous == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(previous);
            }
        }
    }

    private static SocketConnection connectionOf(WebSocketSession session) {
        return (SocketConnection) session.getAttributes().get(CONNECTION);
    }

    private static void closeQuietly(WebSocketSession session, CloseStatus status) {
        try {
            session.close(status);
        } catch (Exception e) {
            log.debug("Closing WebSocket {} failed", session.getId(), e);
        }
    }
}
