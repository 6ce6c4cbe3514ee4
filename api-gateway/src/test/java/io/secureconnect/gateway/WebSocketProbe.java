package io.secureconnect.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A JDK WebSocket client that queues the text frames it receives, for handshake and echo tests. */
final class WebSocketProbe implements AutoCloseable {

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket socket;

    private WebSocketProbe(HttpClient http, URI uri, String... subprotocols) {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (subprotocols.length > 0) {
            String[] rest = new String[subprotocols.length - 1];
            System.arraycopy(subprotocols, 1, rest, 0, rest.length);
            builder.subprotocols(subprotocols[0], rest);
        }
        this.socket = builder.buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    frames.add(partial.toString());
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
                closeCode.complete(-1); // dropped without a close frame
            }
        }).join();
    }

    /** Opens the socket; the handshake's failure (e.g. a 401) surfaces as the CompletionException's cause. */
    static WebSocketProbe open(HttpClient http, URI uri, String... subprotocols) {
        return new WebSocketProbe(http, uri, subprotocols);
    }

    String subprotocol() {
        return socket.getSubprotocol();
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    /** The next text frame, waiting up to 10 s. */
    String next() throws InterruptedException {
        String frame = frames.poll(10, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame within 10 s");
        }
        return frame;
    }

    /** The close code the other side sent, waiting up to 10 s; -1 when the connection dropped without one. */
    int awaitClose() {
        return closeCode.orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
