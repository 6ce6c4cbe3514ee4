package io.secureconnect.video.signaling;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.websocket.CloseCodes;
import io.secureconnect.common.websocket.ErrorFrame;
import io.secureconnect.common.websocket.Inbound;
import io.secureconnect.common.websocket.SocketConnection;
import io.secureconnect.common.websocket.SocketEndpoint;
import io.secureconnect.video.VideoErrorCode;
import io.secureconnect.video.VideoProperties;
import io.secureconnect.video.call.CallMetrics;
import io.secureconnect.video.call.Calls;
import io.secureconnect.video.live.CallLog;
import io.secureconnect.video.live.JoinOutcome;
import io.secureconnect.video.live.LiveCall;
import io.secureconnect.video.live.LiveCalls;
import io.secureconnect.video.live.Participant;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /ws/calls?callId=}: connecting joins the call (after {@link Calls#admit}), the first frame is
 * {@code ready}, everyone gets {@code participants} on every change, and frames from the client go to
 * {@link SignalingFrames}. A socket that closes without {@code leave} keeps its place for the reconnect window, so a
 * network blip or a restart of this service does not drop anyone from the call.
 */
@Component
class SignalingEndpoint implements SocketEndpoint {

    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Calls calls;
    private final LiveCalls live;
    private final LocalConnections local;
    private final SignalRelay relay;
    private final Frames frames;
    private final SignalingFrames signalingFrames;
    private final VideoProperties properties;
    private final Clock clock;
    private final Map<String, Connection> bySocket = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    SignalingEndpoint(Calls calls, LiveCalls live, LocalConnections local, SignalRelay relay, Frames frames,
                      SignalingFrames signalingFrames, VideoProperties properties, Clock clock, CallMetrics metrics) {
        this.calls = calls;
        this.live = live;
        this.local = local;
        this.relay = relay;
        this.frames = frames;
        this.signalingFrames = signalingFrames;
        this.properties = properties;
        this.clock = clock;
        metrics.registerActive(local::callCount);
    }

    @Override
    public void opened(SocketConnection socket) {
        Map<String, String> query = UriComponentsBuilder.fromUri(socket.uri()).build().getQueryParams().toSingleValueMap();
        UUID callId = parseUuid(query.get("callId"));
        if (callId == null) {
            socket.refuse(ErrorFrame.of(VideoErrorCode.CALL_NOT_FOUND.name(), "Give the call to join as ?callId=<uuid>."),
                    CloseCodes.NOT_FOUND);
            return;
        }
        String device = query.get("deviceId");
        Connection connection = new Connection(socket, callId,
                device != null && DEVICE_ID.matcher(device).matches() ? device : "default");
        try {
            calls.admit(callId, socket.userId(), socket.token().getTokenValue());
            join(connection);
        } catch (ApiException e) {
            socket.refuse(ErrorFrame.of(e.code().name(), e.getMessage()), closeCodeOf(e));
        }
    }

    private void join(Connection connection) {
        UUID callId = connection.callId();
        SocketConnection socket = connection.socket();
        Participant participant = new Participant(connection.userId(), connection.deviceId(),
                connection.connectionId(), live.instanceId(), clock.instant());
        switch (calls.join(callId, participant)) {
            case JoinOutcome.Full full -> socket.refuse(ErrorFrame.of(VideoErrorCode.CALL_FULL.name(),
                    "The call already has its maximum of " + full.maxParticipants() + " participants."),
                    CloseCodes.FORBIDDEN);
            case JoinOutcome.NotLive ignored -> socket.refuse(ErrorFrame.of(VideoErrorCode.CALL_ENDED.name(),
                    "The call has ended."), CloseCodes.CALL_ENDED);
            case JoinOutcome.Joined joined -> {
                bySocket.put(socket.id(), connection);
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
            previousHere.close(CloseCodes.status(CloseCodes.REPLACED, "REPLACED"), "replaced");
        } else if (replaced != null && !replaced.connectionId().equals(newer.connectionId())) {
            relay.closeConnection(newer.callId(), newer.userId(), replaced.connectionId(), frame, CloseCodes.REPLACED);
        }
    }

    @Override
    public void received(SocketConnection socket, List<Inbound> received) {
        Connection connection = bySocket.get(socket.id());
        if (connection != null) {
            received.forEach(frame -> signalingFrames.handle(connection, frame));
        }
    }

    @Override
    public void closed(SocketConnection socket, CloseStatus status) {
        Connection connection = bySocket.remove(socket.id());
        if (connection == null) {
            return;
        }
        local.remove(connection);
        String reason = connection.closeReason();
        if (reason != null) {
            return; // replaced, ended or left: the call knows already
        }
        if (socket.closedWith() == null && status.getCode() == CloseStatus.NORMAL.getCode() && !stopping) {
            calls.leave(connection.callId(), connection.userId(), connection.connectionId(), "left");
            return;
        }
        CallLog.event(connection.callId(), "dropped", "participant {} dropped unexpectedly (close {}, {}); "
                        + "keeps its place for {} s", connection.userId(), status.getCode(),
                stopping ? "instance stopping" : socket.closedWith() == null ? "connection lost"
                        : String.valueOf(socket.closedWith().getReason()),
                properties.reconnectWindow().toSeconds());
    }

    /** From here on, sockets closing are the service going away, not participants leaving. */
    @EventListener(ContextClosedEvent.class)
    void stopping() {
        stopping = true;
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
