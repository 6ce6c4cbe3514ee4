package io.secureconnect.video.signaling;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.video.live.LiveCall;
import io.secureconnect.video.live.Participant;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The server frames of {@code /ws/calls} (docs/video-protocol.md), serialized once and sent as text. */
@Component
public class Frames {

    private final JsonMapper json;

    Frames(JsonMapper json) {
        this.json = json;
    }

    String ready(LiveCall call, Connection connection, boolean resumed) {
        Map<String, Object> frame = frame("ready");
        frame.put("callId", call.id());
        frame.put("userId", connection.userId());
        frame.put("connectionId", connection.connectionId());
        frame.put("media", call.meta().media());
        frame.put("state", call.state());
        frame.put("maxParticipants", call.meta().maxParticipants());
        frame.put("resumed", resumed);
        frame.put("participants", participantList(call));
        return write(frame);
    }

    public String participants(LiveCall call) {
        Map<String, Object> frame = frame("participants");
        frame.put("callId", call.id());
        frame.put("state", call.state());
        frame.put("participants", participantList(call));
        return write(frame);
    }

    String signal(UUID from, JsonNode data) {
        Map<String, Object> frame = frame("signal");
        frame.put("from", from);
        frame.put("data", data);
        return write(frame);
    }

    /** A participant's media state or speaking hint, passed on to the others with its sender. */
    String fromPeer(String type, UUID from, Map<String, Object> fields) {
        Map<String, Object> frame = frame(type);
        frame.put("from", from);
        frame.putAll(fields);
        return write(frame);
    }

    public String error(String code, String detail) {
        Map<String, Object> frame = frame("error");
        frame.put("code", code);
        frame.put("detail", detail);
        return write(frame);
    }

    public String ended(UUID callId, String reason) {
        Map<String, Object> frame = frame("ended");
        frame.put("callId", callId);
        frame.put("reason", reason);
        return write(frame);
    }

    public String declined(UUID callId, UUID userId) {
        Map<String, Object> frame = frame("declined");
        frame.put("callId", callId);
        frame.put("userId", userId);
        return write(frame);
    }

    String pong() {
        return write(frame("pong"));
    }

    String write(Object value) {
        return json.writeValueAsString(value);
    }

    private static List<Map<String, Object>> participantList(LiveCall call) {
        return call.participants().values().stream()
                .sorted((a, b) -> a.joinedAt().compareTo(b.joinedAt()))
                .map(Frames::participant).toList();
    }

    private static Map<String, Object> participant(Participant participant) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("userId", participant.userId());
        entry.put("deviceId", participant.deviceId());
        entry.put("joinedAt", participant.joinedAt().toString());
        return entry;
    }

    private static Map<String, Object> frame(String type) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", type);
        return frame;
    }
}
