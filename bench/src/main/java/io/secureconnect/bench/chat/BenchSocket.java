package io.secureconnect.bench.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One {@code /ws/chat} client on the JDK's WebSocket, authenticated the way browsers do (subprotocol
 * {@code bearer, <token>}). Every complete text frame goes to the handler with the time it arrived; the handler is
 * called for one socket at a time, so per-socket state needs no locks.
 */
final class BenchSocket {

    /** Receives the frames of one socket. */
    @FunctionalInterface
    interface Handler {
        void frame(String text, long receivedNanos);
    }

    private final CompletableFuture<BenchSocket> ready = new CompletableFuture<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final Handler handler;
    private volatile WebSocket socket;

    private BenchSocket(Handler handler) {
        this.handler = handler;
    }

    /** Opens a socket; the future completes when the server's {@code ready} frame arrived. */
    static CompletableFuture<BenchSocket> connect(HttpClient client, URI uri, String token, Handler handler,
                                                  Duration timeout) {
        BenchSocket socket = new BenchSocket(handler);
        client.newWebSocketBuilder().subprotocols("bearer", token).connectTimeout(timeout)
                .buildAsync(uri, socket.new Listener())
                .whenComplete((webSocket, failure) -> {
                    if (failure != null) {
                        socket.ready.completeExceptionally(failure);
                    } else {
                        socket.socket = webSocket;
                    }
                });
        return socket.ready.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends one text frame and waits until it is handed to the network (one send at a time per socket). */
    void send(String text) {
        send(text, Duration.ofSeconds(30));
    }

    /**
     * Same, waiting at most {@code patience} for the network to take it (a server that reads slowly holds the send
     * back). After a timeout the socket is aborted: its send is still pending, so it could not send again.
     */
    synchronized void send(String text, Duration patience) {
        try {
            socket.sendText(text, true).orTimeout(patience.toMillis(), TimeUnit.MILLISECONDS).join();
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
    }

    /** Completes with the close code when the socket ends (1006 when it broke without a close frame). */
    CompletableFuture<Integer> closed() {
        return closed;
    }

    boolean isOpen() {
        return ready.isDone() && !ready.isCompletedExceptionally() && !closed.isDone();
    }

    /** Drops the connection at once, no close handshake. */
    void abort() {
        WebSocket current = socket;
        if (current != null) {
            current.abort();
        }
        closed.complete(1006);
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            String text;
            if (last && partial.isEmpty()) {
                text = data.toString();
            } else {
                partial.append(data);
                text = last ? partial.toString() : null;
                if (last) {
                    partial.setLength(0);
                }
            }
            if (text != null) {
                if (!ready.isDone() && Frames.type(text).equals("ready")) {
                    socket = webSocket;
                    ready.complete(BenchSocket.this);
                }
                handler.frame(text, now);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            ready.completeExceptionally(new IllegalStateException("closed with " + statusCode + " before ready"));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(1006);
            ready.completeExceptionally(error);
        }
    }
}
