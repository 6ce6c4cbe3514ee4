package io.secureconnect.bench.gateway;

import io.secureconnect.bench.load.Operation;
import io.secureconnect.bench.load.UnexpectedStatusException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One WebSocket upgrade as an {@link Operation}: open a socket with a bearer token the way the web client does
 * (subprotocols {@code bearer, <token>}, which the gateway and the services accept on {@code /ws/} handshakes), wait
 * until it is open, then close it. The measured time is the opening only; the close handshake runs after the
 * operation has returned, and a socket whose close is not answered within a few seconds is aborted, so no
 * connection outlives the run.
 */
final class WebSocketUpgrade {

    private static final Duration CLOSE_PATIENCE = Duration.ofSeconds(5);
    private static final WebSocket.Listener SILENT = new WebSocket.Listener() {
    };

    private WebSocketUpgrade() {
    }

    static Operation operation(HttpClient http, URI uri, Supplier<String> tokens, Duration timeout) {
        return () -> close(open(http, uri, tokens.get(), timeout));
    }

    /**
     * Opens and closes one socket; throws {@link UnexpectedStatusException} when the handshake was refused with an
     * HTTP status (a 401 from the gateway, say).
     */
    static WebSocket open(HttpClient http, URI uri, String token, Duration timeout) throws Exception {
        CompletableFuture<WebSocket> opening = http.newWebSocketBuilder().subprotocols("bearer", token)
                .connectTimeout(timeout).buildAsync(uri, SILENT);
        try {
            return opening.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            opening.cancel(true);
            throw new HttpTimeoutException("the socket did not open within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            opening.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                throw new UnexpectedStatusException(refused.getResponse().statusCode());
            }
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    static void close(WebSocket socket) {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "")
                .orTimeout(CLOSE_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((sent, failure) -> {
                    if (failure != null) {
                        socket.abort();
                    }
                });
        CompletableFuture.delayedExecutor(CLOSE_PATIENCE.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (!socket.isInputClosed()) {
                socket.abort();
            }
        });
    }
}
