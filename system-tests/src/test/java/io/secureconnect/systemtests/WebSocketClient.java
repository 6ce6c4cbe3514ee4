package io.secureconnect.systemtests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A WebSocket client as a browser would use it: token in the {@code bearer} subprotocol, JSON text frames. */
final class WebSocketClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket socket;

    WebSocketClient(URI uri, String accessToken) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols("bearer", accessToken)
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new Listener())
                .orTimeout(15, TimeUnit.SECONDS).join();
    }

    void send(String json) {
        socket.sendText(json, true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** The next frame of {@code type}; frames of other types before it are skipped. */
    JsonNode await(String type) throws InterruptedException {
        List<String> skipped = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            JsonNode frame = frames.poll(100, TimeUnit.MILLISECONDS);
            if (frame != null && type.equals(frame.path("type").asString())) {
                return frame;
            }
            if (frame != null) {
                skipped.add(frame.path("type").asString());
            }
        }
        throw new AssertionError("no " + type + " frame within 20 s; skipped " + skipped);
    }

    /** Every frame of {@code type} received so far and not yet taken, waiting until none came for {@code quiet}. */
    List<JsonNode> takeAll(String type, Duration quiet) throws InterruptedException {
        List<JsonNode> taken = new ArrayList<>();
        JsonNode frame;
        while ((frame = frames.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
            if (type.equals(frame.path("type").asString())) {
                taken.add(frame);
            }
        }
        return taken;
    }

    /** The close code the server sent, waiting up to {@code timeout}; fails when the socket is still open then. */
    int awaitClose(Duration timeout) {
        return closeCode.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    boolean isClosed() {
        return closeCode.isDone();
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
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
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.complete(-1);
        }
    }
}
