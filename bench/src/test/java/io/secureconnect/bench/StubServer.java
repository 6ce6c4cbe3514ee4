package io.secureconnect.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK HTTP server on a free loopback port that answers every path with the status its {@link Responder} picks.
 * Serial servers handle one request at a time on the dispatcher thread, so one slow answer holds up every request
 * behind it, as a stalled service does; concurrent ones answer each request on its own virtual thread.
 */
public final class StubServer implements AutoCloseable {

    /** Chooses the status of the n-th request (counted from 1); may sleep to play a slow service. */
    @FunctionalInterface
    public interface Responder {
        int status(int requestNumber) throws InterruptedException;
    }

    private static final byte[] BODY = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private StubServer(Responder responder, boolean concurrent) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange; OutputStream body = exchange.getResponseBody()) {
                exchange.getRequestBody().readAllBytes();
                int status = responder.status(requests.incrementAndGet());
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, BODY.length);
                body.write(BODY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        if (concurrent) {
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        }
        server.start();
    }

    public static StubServer concurrent(Responder responder) {
        return new StubServer(responder, true);
    }

    public static StubServer serial(Responder responder) {
        return new StubServer(responder, false);
    }

    public static StubServer healthy() {
        return concurrent(request -> 200);
    }

    /** A URL on a port where nothing listens (it was free a moment ago). */
    public static URI nothingListening(String path) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
