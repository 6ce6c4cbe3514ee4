package io.secureconnect.chat.realtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds server→client frames: JSON objects whose first member is {@code type} (docs/chat-protocol.md lists them).
 */
public final class ServerFrames {

    private ServerFrames() {
    }

    /** A frame of {@code type} with the given members, e.g. {@code frame("message", "message", m)}. */
    public static Map<String, Object> frame(String type, Object... members) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", type);
        for (int i = 0; i + 1 < members.length; i += 2) {
            if (members[i + 1] != null) {
                frame.put((String) members[i], members[i + 1]);
            }
        }
        return frame;
    }

    public static Map<String, Object> error(String code, String detail, String ref) {
        return frame("error", "code", code, "detail", detail, "ref", ref);
    }
}
