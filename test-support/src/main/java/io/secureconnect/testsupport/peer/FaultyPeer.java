package io.secureconnect.testsupport.peer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on a free port that plays a peer service answering every request in one bad way, chosen by
 * the test: JSON that does not parse, a 200 whose body lacks what the caller needs, a 500, an empty 200, no answer at
 * all (the connection is dropped), or any status and body the test gives. It records the headers of what it was asked,
 * so a test can see the request id and the relayed token arrive.
 */
public final class FaultyPeer implements AutoCloseable {

    /** The ways a peer's answer can be unusable. */
    public enum Fault {
        MALFORMED_JSON(200, "{\"blocked\": tru"),
        MISSING_FIELD(200, "{}"),
        SERVER_ERROR(500, "{\"code\":\"INTERNAL_ERROR\"}"),
        EMPTY_BODY(200, ""),
        NO_ANSWER(-1, "");

        private final int status;
        private final String body;

        Fault(int status, String body) {
            this.status = status;
            this.body = body;
        }
    }

    /** What the peer was asked: method, path with query, and the headers a test may look at. */
    public record Request(String method, String uri, String authorization, String requestId, String traceparent) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int status = Fault.SERVER_ERROR.status;
    private volatile String body = Fault.SERVER_ERROR.body;

    private FaultyPeer(HttpServer server) {
        this.server = server;
    }

    public static FaultyPeer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FaultyPeer peer = new FaultyPeer(server);
            server.createContext("/", peer::answer);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return peer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on every request gets this fault. */
    public FaultyPeer answer(Fault fault) {
        return answer(fault.status, fault.body);
    }

    /** From now on every request gets this status and JSON body ({@code status} -1: the connection is dropped). */
    public FaultyPeer answer(int status, String body) {
        this.body = body;
        this.status = status;
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        var headers = exchange.getRequestHeaders();
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                headers.getFirst("Authorization"), headers.getFirst("X-Request-ID"), headers.getFirst("traceparent")));
        exchange.getRequestBody().readAllBytes();
        int answerStatus = status;
        if (answerStatus < 0) {
            // the server drops a connection whose handler fails before answering: the client reads nothing
            throw new IOException("FaultyPeer: no answer, by request of the test");
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answerStatus, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
