package io.secureconnect.bench.video;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One participant's {@code /ws/calls} socket for the benchmark: signals carry the sender's {@code System.nanoTime()}
 * in {@code data.t}, and the receiving socket reports the relay latency (both ends live in this JVM).
 */
final class BenchSocket {

    private static final Pattern SENT_AT = Pattern.compile("\"t\":(\\d+)");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    final UUID callId;
    final UUID userId;
    final CompletableFuture<String> ready = new CompletableFuture<>();
    private final ReentrantLock sending = new ReentrantLock();
    private WebSocket socket;

    private BenchSocket(UUID callId, UUID userId) {
        this.callId = callId;
        this.userId = userId;
    }

    static BenchSocket connect(HttpClient http, int port, UUID callId, UUID userId, String token, LongConsumer latencyNanos) {
        BenchSocket client = new BenchSocket(callId, userId);
        client.socket = http.newWebSocketBuilder().subprotocols("bearer", token).connectTimeout(TIMEOUT)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/calls?callId=" + callId),
                        client.listener(latencyNanos))
                .orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        return client;
    }

    /** Sends one offer-sized signal to {@code peer}, stamped with the send time. */
    void signal(UUID peer, String sdp) {
        String frame = "{\"type\":\"signal\",\"to\":\"" + peer + "\",\"data\":{\"type\":\"offer\",\"sdp\":\"" + sdp
                + "\",\"t\":" + System.nanoTime() + "}}";
        sending.lock();
        try {
            socket.sendText(frame, true).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        } finally {
            sending.unlock();
        }
    }

    void abort() {
        socket.abort();
    }

    private WebSocket.Listener listener(LongConsumer latencyNanos) {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    String frame = partial.toString();
                    partial.setLength(0);
                    if (frame.startsWith("{\"type\":\"signal\"")) {
                        Matcher sentAt = SENT_AT.matcher(frame);
                        if (sentAt.find()) {
                            latencyNanos.accept(System.nanoTime() - Long.parseLong(sentAt.group(1)));
                        }
                    } else if (frame.startsWith("{\"type\":\"ready\"")) {
                        ready.complete(frame);
                    } else if (frame.startsWith("{\"type\":\"error\"") && !ready.isDone()) {
                        ready.completeExceptionally(new IllegalStateException(frame));
                    }
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                ready.completeExceptionally(error);
            }
        };
    }
}
