package io.secureconnect.video.signaling;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import io.secureconnect.common.web.ApiException;
import io.secureconnect.video.VideoErrorCode;
import io.secureconnect.video.VideoProperties;
import io.secureconnect.video.call.CallLog;
import io.secureconnect.video.call.CallMetrics;
import io.secureconnect.video.call.Calls;
import io.secureconnect.video.live.JoinOutcome;
import io.secureconnect.video.live.LiveCall;
import io.secureconnect.video.live.LiveCalls;
import io.secureconnect.video.live.Participant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /ws/calls?callId=}: connecting joins the call (after {@link Calls#admit}), the first frame is
 * {@code ready}, everyone gets {@code participants} on every change, and frames from the client go to
 * {@link ClientFrames}. A socket that closes without {@code leave} keeps its place for the reconnect window, so a
 * network blip or a restart of this service does not drop anyone from the call.
 */
@Component
class SignalingHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(SignalingHandler.class);
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int SEND_BUFFER_BYTES = 1024 * 1024;

    private final Calls calls;
    private final LiveCalls live;
    private final LocalConnections local;
    private final SignalRelay relay;
    private final Frames frames;
    private final ClientFrames clientFrames;
    private final VideoProperties properties;
    private final Map<String, Connection> bySession = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    SignalingHandler(Calls calls, LiveCalls live, LocalConnections local, SignalRelay relay, Frames frames,
                     ClientFrames clientFrames, VideoProperties properties, MeterRegistry registry, CallMetrics metrics) {
        this.calls = calls;
        this.live = live;
        this.local = local;
        this.relay = relay;
        this.frames = frames;
        this.clientFrames = clientFrames;
        this.properties = properties;
        Gauge.builder("websocket.connections", bySession, Map::size).description("Open signaling sockets")
                .register(registry);
        metrics.registerActive(local::callCount);
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession raw) {
        WebSocketSession session = new ConcurrentWebSocketSessionDecorator(raw,
                (int) properties.signaling().sendTimeout().toMillis(), SEND_BUFFER_BYTES);
        if (!(raw.getPrincipal() instanceof JwtAuthenticationToken authentication)) {
            refuse(session, "UNAUTHENTICATED", "A valid access token is required.", CloseCodes.UNAUTHENTICATED);
            return;
        }
        Jwt token = authentication.getToken();
        UUID user = UUID.fromString(token.getSubject());
        Map<String, String> query = UriComponentsBuilder.fromUri(raw.getUri()).build().getQueryParams().toSingleValueMap();
        UUID callId = parseUuid(query.get("callId"));
        if (callId == null) {
            refuse(session, VideoErrorCode.CALL_NOT_FOUND.name(), "Give the call to join as ?callId=<uuid>.",
                    CloseCodes.NOT_FOUND);
            return;
        }
        String device = query.get("deviceId");
        Connection connection = new Connection(session, callId, user,
                device != null && DEVICE_ID.matcher(device).matches() ? device : "default",
                new FrameBudget(properties.signaling().framesPerSecond(), properties.signaling().burst()),
                token);
        try {
            calls.admit(callId, user, token.getTokenValue());
            join(session, connection);
        } catch (ApiException e) {
            refuse(session, e.code().name(), e.getMessage(), closeCodeOf(e));
        }
    }

    private void join(WebSocketSession session, Connection connection) {
        UUID callId = connection.callId();
        Participant participant = new Participant(connection.userId(), connection.deviceId(),
                connection.connectionId(), live.instanceId(), Instant.now());
        switch (calls.join(callId, participant)) {
            case JoinOutcome.Full full -> refuse(session, VideoErrorCode.CALL_FULL.name(),
                    "The call already has its maximum of " + full.maxParticipants() + " participants.",
                    CloseCodes.FORBIDDEN);
            case JoinOutcome.NotLive ignored -> refuse(session, VideoErrorCode.CALL_ENDED.name(),
                    "The call has ended.", CloseCodes.CALL_ENDED);
            case JoinOutcome.Joined joined -> {
                bySession.put(session.getId(), connection);
                connection.send(frames.ready(joined.call(), connection, joined.replaced() != null));
                Connection previousHere = local.add(connection);
                displace(connection, previousHere, joined.replaced());
                LiveCall now = live.find(callId).orElse(joined.call());
                relay.toCall(callId, frames.participants(now), 0);
            }
        }
    }

    /** The newer connection wins: the older one (here or on another instance) is told and closed with 4409. */
    private void displace(Connection newer, Connection previousHere, Participant replaced) {
        String frame = frames.error("REPLACED", "This call was joined again from a newer connection.");
        if (previousHere != null && previousHere != newer) {
            previousHere.send(frame);
            previousHere.close(new CloseStatus(CloseCodes.REPLACED), "replaced");
        } else if (replaced != null && !replaced.connectionId().equals(newer.connectionId())) {
            relay.closeConnection(newer.callId(), newer.userId(), replaced.connectionId(), frame, CloseCodes.REPLACED);
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        Connection connection = bySession.get(session.getId());
        if (connection != null) {
            clientFrames.handle(connection, message.getPayload());
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Connection connection = bySession.remove(session.getId());
        if (connection == null) {
            return;
        }
        local.remove(connection);
        String reason = connection.closeReason();
        if (reason != null && (reason.equals("replaced") || reason.equals("call_ended") || reason.equals("left"))) {
            return;
        }
        if (reason == null && status.getCode() == CloseStatus.NORMAL.getCode() && !stopping) {
            calls.leave(connection.callId(), connection.userId(), connection.connectionId(), "left");
            return;
        }
        CallLog.event(connection.callId(), "dropped", "participant {} dropped unexpectedly (close {}, {}); "
                        + "keeps its place for {} s", connection.userId(), status.getCode(),
                stopping ? "instance stopping" : reason == null ? "connection lost" : reason,
                properties.reconnectWindow().toSeconds());
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("Signaling transport error on {}: {}", session.getId(), exception.toString());
    }

    /** From here on, sockets closing are the service going away, not participants leaving. */
    @EventListener(ContextClosedEvent.class)
    void stopping() {
        stopping = true;
    }

    private void refuse(WebSocketSession session, String code, String detail, int closeCode) {
        try {
            session.sendMessage(new TextMessage(frames.error(code, detail)));
            session.close(new CloseStatus(closeCode, code));
        } catch (Exception e) {
            log.debug("Could not refuse socket {}: {}", session.getId(), e.toString());
        }
    }

    /** The close code that says what the problem status says: 404 → 4404, 410 → 4410, 503 → 1013, else 4403. */
    private static int closeCodeOf(ApiException e) {
        return switch (e.code().status().value()) {
            case 404 -> CloseCodes.NOT_FOUND;
            case 410 -> CloseCodes.CALL_ENDED;
            case 503 -> CloseCodes.TRY_AGAIN_LATER;
            default -> CloseCodes.FORBIDDEN;
        };
    }

    private static UUID parseUuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
