package io.secureconnect.chat.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;

/**
 * A {@code /ws/chat} client for tests, on the JDK's WebSocket: it authenticates the way browsers do (subprotocol
 * {@code bearer, <token>}), collects every frame it receives, and reports the close code.
 */
public final class ChatSocket implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket socket;
    private final StringBuilder partial = new StringBuilder();

    private ChatSocket(int port, String token) {
        this.socket = HTTP.newWebSocketBuilder()
                .subprotocols("bearer", token)
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/chat"), new Listener())
                .orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Connects and waits for the server's {@code ready} frame. */
    public static ChatSocket connect(int port, String token) {
        ChatSocket socket = new ChatSocket(port, token);
        socket.await("ready");
        return socket;
    }

    public static ChatSocket connect(ChatApi user) {
        return connect(user.port(), user.token());
    }

    public String subprotocol() {
        return socket.getSubprotocol();
    }

    public void send(Map<String, ?> frame) {
        sendRaw(ChatApi.JSON.writeValueAsString(frame));
    }

    public void sendRaw(String text) {
        socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** The next frame of {@code type} (frames of other types before it are kept for later awaits). */
    public JsonNode await(String type) {
        return await(frame -> type.equals(frame.path("type").asString()), "a " + type + " frame");
    }

    public JsonNode await(Predicate<JsonNode> matching, String description) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        List<JsonNode> skipped = new ArrayList<>();
        try {
            while (System.nanoTime() < deadline) {
                JsonNode frame = frames.poll(100, TimeUnit.MILLISECONDS);
                if (frame == null) {
                    continue;
                }
                if (matching.test(frame)) {
                    return frame;
                }
                skipped.add(frame);
            }
            throw new AssertionError("No " + description + " within 15 s; got " + skipped);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            List<JsonNode> rest = new ArrayList<>(skipped);
            frames.drainTo(rest);
            frames.addAll(rest);
        }
    }

    /** The next frame within {@code wait}, or null if none came (a closed socket gets none). */
    public JsonNode poll(Duration wait) {
        try {
            return frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Frames received within {@code quiet} after the last one, removed from the queue. */
    public List<JsonNode> drain(Duration quiet) {
        List<JsonNode> drained = new ArrayList<>();
        try {
            JsonNode frame;
            while ((frame = frames.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                drained.add(frame);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return drained;
    }

    /** The close code the server sent, waiting up to {@code timeout}. */
    public int awaitClose(Duration timeout) {
        return closeCode.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    public boolean isClosed() {
        return closeCode.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(ChatApi.JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.complete(1006);
        }
    }
}
