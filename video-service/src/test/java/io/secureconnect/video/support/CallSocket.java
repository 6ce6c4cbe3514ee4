package io.secureconnect.video.support;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A participant's signaling socket, as a client sees it: every frame received in order, and the close code. The
 * token rides in {@code Sec-WebSocket-Protocol: bearer, <token>} as a browser would send it.
 */
public final class CallSocket implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final UUID userId;
    private WebSocket socket;

    private CallSocket(UUID userId) {
        this.userId = userId;
    }

    public static CallSocket connect(int port, UUID callId, UUID userId, String token) {
        return connect(port, "callId=" + callId, userId, token);
    }

    public static CallSocket connect(int port, String query, UUID userId, String token) {
        return open(HTTP.newWebSocketBuilder().subprotocols("bearer", token), port, query, userId);
    }

    /** With the token in the {@code access_token} query parameter instead of the subprotocol header. */
    public static CallSocket connectWithTokenInQuery(int port, UUID callId, UUID userId, String token) {
        return open(HTTP.newWebSocketBuilder(), port, "callId=" + callId + "&access_token=" + token, userId);
    }

    private static CallSocket open(WebSocket.Builder builder, int port, String query, UUID userId) {
        CallSocket client = new CallSocket(userId);
        client.socket = builder.connectTimeout(WAIT)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/calls?" + query), client.listener())
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        return client;
    }

    public UUID userId() {
        return userId;
    }

    public void send(String frame) {
        socket.sendText(frame, true).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    public void send(Object frame) {
        send(JSON.writeValueAsString(frame));
    }

    /** The next frame, whatever its type. */
    public JsonNode next() {
        try {
            JsonNode frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within " + WAIT + " for " + userId + "; seen: " + seen);
            }
            seen.add(frame);
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next frame within {@code wait}, or null if none came (a closed socket gets none). */
    public JsonNode poll(Duration wait) {
        try {
            JsonNode frame = frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (frame != null) {
                seen.add(frame);
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next frame of this type; frames of other types before it are skipped (and kept in {@link #seen()}). */
    public JsonNode next(String type) {
        while (true) {
            JsonNode frame = next();
            if (type.equals(frame.path("type").asString())) {
                return frame;
            }
        }
    }

    /** Waits for a participants frame listing exactly these users. */
    public JsonNode awaitParticipants(UUID... users) {
        var expected = java.util.Set.of(users);
        while (true) {
            JsonNode frame = next("participants");
            var listed = new java.util.HashSet<UUID>();
            frame.path("participants").forEach(p -> listed.add(UUID.fromString(p.path("userId").asString())));
            if (listed.equals(expected)) {
                return frame;
            }
        }
    }

    /** Every frame taken so far, for asserting what did not arrive. */
    public List<JsonNode> seen() {
        return List.copyOf(seen);
    }

    public int awaitClose() {
        return closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** A round trip through the server: every frame sent to this socket before it is now in the queue. */
    public void sync() {
        send("{\"type\":\"ping\"}");
        next("pong");
    }

    public void closeNormally() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        awaitClose();
    }

    /** Drops the connection without a close handshake, as a lost network would. */
    public void drop() {
        socket.abort();
        await().atMost(WAIT).until(() -> socket.isInputClosed());
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.abort();
        }
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    frames.add(JSON.readTree(partial.toString()));
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.complete(1006);
            }
        };
    }
}
