package io.secureconnect.video.signaling;

import java.util.UUID;

import io.secureconnect.common.websocket.CloseCodes;
import io.secureconnect.common.websocket.ErrorFrame;
import io.secureconnect.common.websocket.Inbound;
import io.secureconnect.video.call.Calls;
import io.secureconnect.video.live.LiveCalls;
import io.secureconnect.video.signaling.ClientFrames.Auth;
import io.secureconnect.video.signaling.ClientFrames.Leave;
import io.secureconnect.video.signaling.ClientFrames.Ping;
import io.secureconnect.video.signaling.ClientFrames.Signal;
import io.secureconnect.video.signaling.ClientFrames.Speaking;
import io.secureconnect.video.signaling.ClientFrames.State;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * What a participant's frames do: a signal goes to the one peer it names, media state and speaking hints to the
 * whole call, {@code leave} ends the participant's part, {@code auth} takes a fresh token. A frame that cannot be
 * done is answered with an error frame and the socket stays open.
 */
@Component
class SignalingFrames {

    private final Frames frames;
    private final SignalRelay relay;
    private final LiveCalls live;
    private final LocalConnections local;
    private final Calls calls;
    private final JwtDecoder jwtDecoder;

    SignalingFrames(Frames frames, SignalRelay relay, LiveCalls live, LocalConnections local, Calls calls,
                    JwtDecoder jwtDecoder) {
        this.frames = frames;
        this.relay = relay;
        this.live = live;
        this.local = local;
        this.calls = calls;
        this.jwtDecoder = jwtDecoder;
    }

    void handle(Connection connection, Inbound inbound) {
        switch (inbound) {
            case Inbound.Refused refused -> connection.send(frames.write(refused.error()));
            case Inbound.Frame(Signal signal, String ignored) -> signal(connection, signal);
            case Inbound.Frame(State state, String ignored) -> relay.toCall(connection.callId(),
                    frames.mediaState(connection.userId(), state), 0);
            case Inbound.Frame(Speaking speaking, String ignored) -> relay.toCall(connection.callId(),
                    frames.speaking(connection.userId()), 0);
            case Inbound.Frame(Leave leave, String ignored) -> leave(connection);
            case Inbound.Frame(Auth auth, String ignored) -> reauthenticate(connection, auth);
            case Inbound.Frame(Ping ping, String ignored) -> connection.send(frames.pong());
            case Inbound.Frame frame -> throw new IllegalStateException("A frame type without a handler: " + frame);
        }
    }

    private void signal(Connection connection, Signal signal) {
        UUID to = signal.recipient();
        if (to.equals(connection.userId())) {
            connection.send(frames.error("INVALID_SIGNAL", "a signal cannot be sent to yourself."));
            return;
        }
        if (!isParticipant(connection.callId(), to) || !relay.toUser(connection.callId(), to,
                frames.signal(connection.userId(), signal.data()))) {
            connection.send(frames.error("PEER_NOT_FOUND", "That user is not in this call."));
        }
    }

    private boolean isParticipant(UUID callId, UUID userId) {
        return local.get(callId, userId) != null
                || live.find(callId).map(call -> call.participants().containsKey(userId)).orElse(false);
    }

    private void leave(Connection connection) {
        calls.leave(connection.callId(), connection.userId(), connection.connectionId(), "left");
        connection.close(CloseStatus.NORMAL, "left");
    }

    private void reauthenticate(Connection connection, Auth auth) {
        Jwt token;
        try {
            token = jwtDecoder.decode(auth.token() == null ? "" : auth.token());
        } catch (JwtException e) {
            token = null;
        }
        if (token == null || !connection.socket().reauthenticate(token)) {
            connection.socket().refuse(ErrorFrame.of("UNAUTHENTICATED",
                    "The token is not valid for this connection."), CloseCodes.UNAUTHENTICATED);
            return;
        }
        connection.send(frames.authenticated(String.valueOf(token.getExpiresAt())));
    }
}
