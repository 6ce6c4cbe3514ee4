package io.secureconnect.video.signaling;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.secureconnect.common.text.StorableText;
import io.secureconnect.video.call.Calls;
import io.secureconnect.video.live.LiveCalls;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a participant may send: {@code signal} (SDP and ICE for one peer), {@code state} (mute, camera, screen
 * share), {@code speaking}, {@code leave}, {@code auth} (a fresh token before the current one expires) and
 * {@code ping}. Anything else is answered with an error frame and the socket stays open; a flood closes it (4429).
 */
@Component
class ClientFrames {

    private static final Set<String> SDP_TYPES = Set.of("offer", "answer", "pranswer", "rollback");
    private static final Set<String> MEDIA_STATES = Set.of("audio", "video", "screen");

    private final JsonMapper json;
    private final Frames frames;
    private final SignalRelay relay;
    private final LiveCalls live;
    private final LocalConnections local;
    private final Calls calls;
    private final JwtDecoder jwtDecoder;

    ClientFrames(JsonMapper json, Frames frames, SignalRelay relay, LiveCalls live, LocalConnections local,
                 Calls calls, JwtDecoder jwtDecoder) {
        this.json = json;
        this.frames = frames;
        this.relay = relay;
        this.live = live;
        this.local = local;
        this.calls = calls;
        this.jwtDecoder = jwtDecoder;
    }

    void handle(Connection connection, String payload) {
        if (!connection.budget().tryTake()) {
            connection.send(frames.error("RATE_LIMITED", "Too many frames; slow down and reconnect."));
            connection.close(new CloseStatus(CloseCodes.RATE_LIMITED, "RATE_LIMITED"), "rate_limited");
            return;
        }
        JsonNode frame;
        try {
            frame = json.readTree(payload);
        } catch (JacksonException e) {
            frame = null;
        }
        if (frame == null || !frame.isObject() || !frame.path("type").isString()) {
            connection.send(frames.error("MALFORMED_FRAME", "A frame is a JSON object with a string \"type\"."));
            return;
        }
        if (!wellFormed(frame)) {
            // relayed as it came, an unpaired surrogate cannot be encoded for the receiver: their socket would close
            connection.send(frames.error("VALIDATION_FAILED", "Text in a frame " + StorableText.PROBLEM + "."));
            return;
        }
        switch (frame.path("type").asString()) {
            case "signal" -> signal(connection, frame);
            case "state" -> state(connection, frame);
            case "speaking" -> relay.toCall(connection.callId(),
                    frames.fromPeer("speaking", connection.userId(), Map.of()), 0);
            case "leave" -> leave(connection);
            case "auth" -> reauthenticate(connection, frame);
            case "ping" -> connection.send(frames.pong());
            default -> connection.send(frames.error("UNKNOWN_TYPE", "Unknown frame type."));
        }
    }

    private void signal(Connection connection, JsonNode frame) {
        UUID to = uuidOrNull(frame.path("to"));
        JsonNode data = frame.get("data");
        String problem = to == null ? "\"to\" must be a participant's user id"
                : to.equals(connection.userId()) ? "a signal cannot be sent to yourself"
                : data == null || !data.isObject() ? "\"data\" must be an object"
                : invalidEnvelope(data);
        if (problem != null) {
            connection.send(frames.error("INVALID_SIGNAL", problem + "."));
            return;
        }
        if (!isParticipant(connection.callId(), to) || !relay.toUser(connection.callId(), to,
                frames.signal(connection.userId(), data))) {
            connection.send(frames.error("PEER_NOT_FOUND", "That user is not in this call."));
        }
    }

    /** SDP rides as {@code {type, sdp}}, ICE as {@code {candidate}}; a malformed envelope never reaches a peer. */
    private static String invalidEnvelope(JsonNode data) {
        if (data.has("sdp") && !data.get("sdp").isString()) {
            return "\"sdp\" must be a string";
        }
        if (data.has("sdp") && !SDP_TYPES.contains(data.path("type").asString(""))) {
            return "an SDP description needs \"type\" offer, answer, pranswer or rollback";
        }
        JsonNode candidate = data.get("candidate");
        if (candidate != null && !candidate.isNull() && !candidate.isObject() && !candidate.isString()) {
            return "\"candidate\" must be an ICE candidate object or string";
        }
        return null;
    }

    private boolean isParticipant(UUID callId, UUID userId) {
        return local.get(callId, userId) != null
                || live.find(callId).map(call -> call.participants().containsKey(userId)).orElse(false);
    }

    private void state(Connection connection, JsonNode frame) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String name : MEDIA_STATES) {
            if (frame.path(name).isBoolean()) {
                fields.put(name, frame.get(name).asBoolean());
            }
        }
        if (fields.isEmpty()) {
            connection.send(frames.error("INVALID_STATE", "Give at least one of audio, video, screen as true/false."));
            return;
        }
        relay.toCall(connection.callId(), frames.fromPeer("state", connection.userId(), fields), 0);
    }

    private void leave(Connection connection) {
        calls.leave(connection.callId(), connection.userId(), connection.connectionId(), "left");
        connection.close(CloseStatus.NORMAL, "left");
    }

    private void reauthenticate(Connection connection, JsonNode frame) {
        try {
            Jwt token = jwtDecoder.decode(frame.path("token").asString(""));
            if (!connection.userId().toString().equals(token.getSubject())) {
                throw new JwtException("token of another user");
            }
            connection.reauthenticated(token);
            connection.send(frames.write(Map.of("type", "authenticated", "expiresAt", String.valueOf(token.getExpiresAt()))));
        } catch (JwtException e) {
            connection.send(frames.error("UNAUTHENTICATED", "The token is not valid for this connection."));
            connection.close(new CloseStatus(CloseCodes.UNAUTHENTICATED, "UNAUTHENTICATED"), "unauthenticated");
        }
    }

    /** Whether every name and string in the frame is well-formed text (issue 19: it may be relayed to others). */
    private static boolean wellFormed(JsonNode node) {
        if (node.isString()) {
            return StorableText.isWellFormed(node.asString());
        }
        for (var member : node.properties()) {
            if (!StorableText.isWellFormed(member.getKey()) || !wellFormed(member.getValue())) {
                return false;
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (!wellFormed(element)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static UUID uuidOrNull(JsonNode node) {
        try {
            return node.isString() ? UUID.fromString(node.asString()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
