package io.secureconnect.video.signaling;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.secureconnect.common.websocket.ClientFrame;
import io.secureconnect.common.websocket.InvalidFrame;

import tools.jackson.databind.JsonNode;

/**
 * What a participant may send on {@code /ws/calls} (docs/video-protocol.md): {@code signal} (SDP and ICE for one
 * peer), {@code state} (mute, camera, screen share), {@code speaking}, {@code leave}, {@code auth} (a fresh token
 * before the current one expires) and {@code ping}; one record each.
 */
final class ClientFrames {

    static final String PROTOCOL = "docs/video-protocol.md";

    static final Map<String, Class<? extends ClientFrame>> TYPES = Map.of("signal", Signal.class, "state", State.class,
            "speaking", Speaking.class, "leave", Leave.class, "auth", Auth.class, "ping", Ping.class);

    private static final Set<String> SDP_TYPES = Set.of("offer", "answer", "pranswer", "rollback");

    private ClientFrames() {
    }

    /**
     * SDP ({@code {type, sdp}}) or an ICE candidate ({@code {candidate}}) for the participant {@code to}; a malformed
     * envelope never reaches a peer ({@code INVALID_SIGNAL}).
     */
    record Signal(JsonNode to, JsonNode data) implements ClientFrame {
        Signal {
            String problem = recipient(to) == null ? "\"to\" must be a participant's user id"
                    : data == null || !data.isObject() ? "\"data\" must be an object"
                    : invalidEnvelope(data);
            if (problem != null) {
                throw new InvalidFrame("INVALID_SIGNAL", problem + ".");
            }
        }

        UUID recipient() {
            return recipient(to);
        }

        private static UUID recipient(JsonNode to) {
            try {
                return to != null && to.isString() ? UUID.fromString(to.asString()) : null;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

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
    }

    /** The sender's media: any of {@code audio}, {@code video}, {@code screen} as true or false. */
    record State(JsonNode audio, JsonNode video, JsonNode screen) implements ClientFrame {
        State {
            audio = booleanOrNull(audio);
            video = booleanOrNull(video);
            screen = booleanOrNull(screen);
            if (audio == null && video == null && screen == null) {
                throw new InvalidFrame("INVALID_STATE", "Give at least one of audio, video, screen as true/false.");
            }
        }

        /** Only a true or false is passed on; anything else given is left out. */
        private static JsonNode booleanOrNull(JsonNode value) {
            return value != null && value.isBoolean() ? value : null;
        }
    }

    record Speaking() implements ClientFrame {
    }

    record Leave() implements ClientFrame {
    }

    record Auth(String token) implements ClientFrame {
    }

    record Ping() implements ClientFrame {
    }
}
