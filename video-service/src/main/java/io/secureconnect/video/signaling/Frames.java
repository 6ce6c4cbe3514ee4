package io.secureconnect.video.signaling;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import io.secureconnect.common.websocket.ErrorFrame;
import io.secureconnect.common.websocket.ServerFrame;
import io.secureconnect.video.live.CallState;
import io.secureconnect.video.live.LiveCall;
import io.secureconnect.video.live.Participant;
import io.secureconnect.video.signaling.ClientFrames.State;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * The server frames of {@code /ws/calls} (docs/video-protocol.md), one record each, written to text once here: the
 * same text goes to every participant, on this instance and through the relay to the others.
 */
@Component
public class Frames {

    /** The first frame: the call as it is, and whether this connection resumed a place kept for it. */
    @JsonTypeName("ready")
    record Ready(UUID callId, UUID userId, UUID connectionId, String media, CallState state, int maxParticipants,
                 boolean resumed, List<InCall> participants) implements ServerFrame {
    }

    /** Who is in the call now, in the order they joined; sent on every change. */
    @JsonTypeName("participants")
    record Participants(UUID callId, CallState state, List<InCall> participants) implements ServerFrame {
    }

    record InCall(UUID userId, String deviceId, String joinedAt) {
        static InCall of(Participant participant) {
            return new InCall(participant.userId(), participant.deviceId(), participant.joinedAt().toString());
        }
    }

    /** SDP or ICE from one participant, for the one it named. */
    @JsonTypeName("signal")
    record Signal(UUID from, JsonNode data) implements ServerFrame {
    }

    /** A participant's media as it says it is now; only what it gave. */
    @JsonTypeName("state")
    record MediaState(UUID from, Boolean audio, Boolean video, Boolean screen) implements ServerFrame {
    }

    @JsonTypeName("speaking")
    record Speaking(UUID from) implements ServerFrame {
    }

    @JsonTypeName("ended")
    record Ended(UUID callId, String reason) implements ServerFrame {
    }

    @JsonTypeName("declined")
    record Declined(UUID callId, UUID userId) implements ServerFrame {
    }

    @JsonTypeName("pong")
    record Pong() implements ServerFrame {
    }

    /** A fresh token was taken; the socket now lives until it expires. */
    @JsonTypeName("authenticated")
    record Authenticated(String expiresAt) implements ServerFrame {
    }

    private final JsonMapper json;

    Frames(JsonMapper json) {
        this.json = json;
    }

    String ready(LiveCall call, Connection connection, boolean resumed) {
        return write(new Ready(call.id(), connection.userId(), connection.connectionId(), call.meta().media(),
                call.state(), call.meta().maxParticipants(), resumed, inCall(call)));
    }

    public String participants(LiveCall call) {
        return write(new Participants(call.id(), call.state(), inCall(call)));
    }

    String signal(UUID from, JsonNode data) {
        return write(new Signal(from, data));
    }

    String mediaState(UUID from, State state) {
        return write(new MediaState(from, bool(state.audio()), bool(state.video()), bool(state.screen())));
    }

    private static Boolean bool(JsonNode given) {
        return given == null ? null : given.asBoolean();
    }

    String speaking(UUID from) {
        return write(new Speaking(from));
    }

    public String error(String code, String detail) {
        return write(ErrorFrame.of(code, detail));
    }

    public String ended(UUID callId, String reason) {
        return write(new Ended(callId, reason));
    }

    public String declined(UUID callId, UUID userId) {
        return write(new Declined(callId, userId));
    }

    String pong() {
        return write(new Pong());
    }

    String authenticated(String expiresAt) {
        return write(new Authenticated(expiresAt));
    }

    String write(ServerFrame frame) {
        return json.writeValueAsString(frame);
    }

    private static List<InCall> inCall(LiveCall call) {
        return call.participants().values().stream()
                .sorted(Comparator.comparing(Participant::joinedAt))
                .map(InCall::of).toList();
    }
}
