package io.secureconnect.video.support;

import java.net.URI;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import io.secureconnect.testsupport.websocket.TestSocket;

import tools.jackson.databind.JsonNode;

/**
 * Opens a participant's {@code /ws/calls} socket as a client does (token in {@code Sec-WebSocket-Protocol: bearer,
 * <token>}, or in the query), and waits for the participants list a test expects.
 */
public final class CallSockets {

    private CallSockets() {
    }

    public static TestSocket connect(int port, UUID callId, String token) {
        return connect(port, "callId=" + callId, token);
    }

    public static TestSocket connect(int port, String query, String token) {
        return TestSocket.connect(uri(port, query), token);
    }

    /** With the token in the {@code access_token} query parameter instead of the subprotocol header. */
    public static TestSocket connectWithTokenInQuery(int port, UUID callId, String token) {
        return TestSocket.connectWithTokenInQuery(uri(port, "callId=" + callId), token);
    }

    /**
     * Waits for a participants frame listing exactly these users; the participants frames before it are taken too,
     * so the next wait starts from the list that matched.
     */
    public static JsonNode awaitParticipants(TestSocket socket, UUID... users) {
        Set<UUID> expected = Set.of(users);
        while (true) {
            JsonNode frame = socket.next("participants");
            Set<UUID> listed = new HashSet<>();
            frame.path("participants").forEach(p -> listed.add(UUID.fromString(p.path("userId").asString())));
            if (listed.equals(expected)) {
                return frame;
            }
        }
    }

    private static URI uri(int port, String query) {
        return URI.create("ws://127.0.0.1:" + port + "/ws/calls?" + query);
    }
}
