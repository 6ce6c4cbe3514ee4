package io.secureconnect.bench.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * Many {@code /ws/chat} clients in this JVM. They are spread over several JDK HttpClients, each with its own
 * selector thread, and opened with a bounded number of handshakes in flight, as a crowd of devices would be rather
 * than all in the same millisecond.
 */
final class SocketFleet implements AutoCloseable {

    private static final int SOCKETS_PER_CLIENT = 1_000;

    private final List<HttpClient> clients = new ArrayList<>();
    private final URI uri;
    private final Duration timeout;
    private final Map<String, Long> failures = new ConcurrentHashMap<>();
    private final Histogram handshakeMicros = Histograms.micros();

    SocketFleet(URI uri, int expectedSockets, Duration timeout) {
        this.uri = uri;
        this.timeout = timeout;
        int count = Math.max(1, (expectedSockets + SOCKETS_PER_CLIENT - 1) / SOCKETS_PER_CLIENT);
        for (int i = 0; i < count; i++) {
            clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newVirtualThreadPerTaskExecutor()).build());
        }
    }

    HttpClient client(int socketIndex) {
        return clients.get(socketIndex % clients.size());
    }

    /**
     * Opens {@code tokens.size()} sockets, socket {@code i} with {@code tokens.get(i)} and {@code handlers.apply(i)},
     * at most {@code parallel} handshakes at a time. The list has null where a socket could not be opened (see
     * {@link #failures()}).
     */
    List<BenchSocket> connect(List<String> tokens, IntFunction<BenchSocket.Handler> handlers, int parallel)
            throws InterruptedException {
        return connect(tokens, handlers, parallel, socket -> { });
    }

    /** Same, calling {@code opened} with each socket as soon as it is ready. */
    List<BenchSocket> connect(List<String> tokens, IntFunction<BenchSocket.Handler> handlers, int parallel,
                              Consumer<BenchSocket> opened) throws InterruptedException {
        Semaphore inFlight = new Semaphore(parallel);
        AtomicReferenceArray<BenchSocket> sockets = new AtomicReferenceArray<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            inFlight.acquire();
            int index = i;
            long begun = System.nanoTime();
            BenchSocket.connect(client(i), uri, tokens.get(i), handlers.apply(i), timeout)
                    .whenComplete((socket, failure) -> {
                        if (failure != null) {
                            failed(failure);
                        } else {
                            sockets.set(index, socket);
                            synchronized (handshakeMicros) {
                                Histograms.recordNanos(handshakeMicros, System.nanoTime() - begun);
                            }
                            opened.accept(socket);
                        }
                        inFlight.release();
                    });
        }
        inFlight.acquire(parallel);
        inFlight.release(parallel);
        List<BenchSocket> all = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            all.add(sockets.get(i));
        }
        return all;
    }

    /**
     * Opens them all for a benchmark's setup, where a refused handshake is not what is measured: sockets that
     * failed are tried again, up to {@code rounds} times, a few seconds apart (on a busy machine the service may
     * briefly refuse handshakes, e.g. while it believes Redis is gone). Failures stay counted in
     * {@link #failures()}.
     */
    List<BenchSocket> connectAll(List<String> tokens, IntFunction<BenchSocket.Handler> handlers, int parallel,
                                 Consumer<BenchSocket> opened, int rounds) throws InterruptedException {
        List<BenchSocket> sockets = new ArrayList<>(connect(tokens, handlers, parallel, opened));
        for (int round = 0; round < rounds && sockets.contains(null); round++) {
            Thread.sleep(Duration.ofSeconds(3));
            List<Integer> missing = new ArrayList<>();
            for (int i = 0; i < sockets.size(); i++) {
                if (sockets.get(i) == null) {
                    missing.add(i);
                }
            }
            List<BenchSocket> retried = connect(missing.stream().map(tokens::get).toList(),
                    i -> handlers.apply(missing.get(i)), parallel, opened);
            for (int i = 0; i < missing.size(); i++) {
                sockets.set(missing.get(i), retried.get(i));
            }
        }
        return sockets;
    }

    /** Time from starting to open each socket until its {@code ready} frame (queueing for a slot excluded). */
    Histogram handshakeMicros() {
        synchronized (handshakeMicros) {
            return handshakeMicros.copy();
        }
    }

    /** Connection failures so far, by cause. */
    Map<String, Long> failures() {
        return Map.copyOf(failures);
    }

    void failed(Throwable failure) {
        failures.merge(describe(failure), 1L, Long::sum);
    }

    static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        String message = cause.getMessage() == null ? "" : ": " + cause.getMessage();
        if (message.length() > 80) {
            message = message.substring(0, 80) + "…";
        }
        return cause.getClass().getSimpleName() + message;
    }

    @Override
    public void close() {
        clients.forEach(HttpClient::shutdownNow);
    }
}
