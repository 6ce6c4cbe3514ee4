package io.secureconnect.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.channel.Channel;

import org.reactivestreams.Publisher;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * A real HTTP and WebSocket server standing in for one of our services behind the gateway. It records every request
 * it receives and answers {@code {"service": ..., "path": ...}}; a path containing {@code /slow} answers after
 * {@link #slowDelay}; {@code /v3/api-docs} serves a small OpenAPI document (unless {@link #withoutDocs()}); the
 * WebSocket paths {@code /ws/chat} and {@code /ws/calls} first send the subprotocol header they were offered, then
 * echo every text frame prefixed with the service name. It can be stopped and started again on the same port.
 */
final class DownstreamServer implements AutoCloseable {

    /** What the server saw of one request; header names lower-case. */
    record Received(String method, String uri, Map<String, List<String>> headers) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : String.join(",", values);
        }
    }

    private final String name;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Duration slowDelay = Duration.ofSeconds(3);
    private volatile boolean docs = true;
    private volatile int port;
    private volatile DisposableServer server;
    private final Set<Channel> connections = ConcurrentHashMap.newKeySet();

    private DownstreamServer(String name) {
        this.name = name;
    }

    static DownstreamServer start(String name) {
        DownstreamServer downstream = new DownstreamServer(name);
        downstream.bind(0);
        return downstream;
    }

    String httpUrl() {
        return "http://127.0.0.1:" + port;
    }

    String wsUrl() {
        return "ws://127.0.0.1:" + port;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** The last request whose URI starts with the prefix. */
    Received lastReceived(String uriPrefix) {
        return received.reversed().stream().filter(r -> r.uri().startsWith(uriPrefix)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " received nothing under " + uriPrefix));
    }

    long countReceived(String uriPrefix) {
        return received.stream().filter(r -> r.uri().startsWith(uriPrefix)).count();
    }

    DownstreamServer slowDelay(Duration delay) {
        this.slowDelay = delay;
        return this;
    }

    DownstreamServer withoutDocs() {
        this.docs = false;
        return this;
    }

    /**
     * Kills the server as a crash would: open connections are dropped and new ones refused until {@link #restart()}.
     */
    synchronized void stop() {
        if (server != null) {
            // the open connections first, cut as a crash cuts them (a graceful dispose would say goodbye on sockets)
            connections.forEach(channel -> channel.close().syncUninterruptibly());
            connections.clear();
            server.disposeNow(Duration.ofSeconds(5));
            server = null;
        }
    }

    synchronized void restart() {
        if (server == null) {
            bind(port);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void bind(int requestedPort) {
        server = HttpServer.create().host("127.0.0.1").port(requestedPort)
                .doOnConnection(connection -> {
                    Channel channel = connection.channel();
                    connections.add(channel);
                    channel.closeFuture().addListener(closed -> connections.remove(channel));
                })
                .route(routes -> routes
                        .route(request -> request.fullPath().startsWith("/ws/"), (request, response) -> {
                            record(request);
                            // like our services: the bearer subprotocol is chosen when the client offers it
                            boolean offered = request.requestHeaders().contains("Sec-WebSocket-Protocol");
                            return response.sendWebsocket(this::echo, offered
                                    ? WebsocketServerSpec.builder().protocols("bearer").build()
                                    : WebsocketServerSpec.builder().build());
                        })
                        .get("/v3/api-docs", this::apiDocs)
                        .route(request -> true, this::answer))
                .bindNow(Duration.ofSeconds(10));
        port = server.port();
    }

    private Publisher<Void> answer(HttpServerRequest request, HttpServerResponse response) {
        record(request);
        Duration delay = request.uri().contains("/slow") ? slowDelay : Duration.ZERO;
        String body = "{\"service\":\"%s\",\"path\":\"%s\"}".formatted(name, request.fullPath());
        return request.receive().then()
                .then(Mono.delay(delay))
                .then(response.header("Content-Type", "application/json").sendString(Mono.just(body)).then());
    }

    private Publisher<Void> apiDocs(HttpServerRequest request, HttpServerResponse response) {
        record(request);
        if (!docs) {
            return response.status(404).send();
        }
        String spec = """
                {"openapi":"3.1.0","info":{"title":"%s-service","version":"1"},\
                "servers":[{"url":"%s"}],"paths":{}}""".formatted(name, httpUrl());
        return response.header("Content-Type", "application/json").sendString(Mono.just(spec));
    }

    private Publisher<Void> echo(WebsocketInbound in, WebsocketOutbound out) {
        String offered = "protocols:" + in.headers().get("Sec-WebSocket-Protocol");
        // "close:<code>" makes the service close the socket with that code, as ours do (4401, ...)
        return out.sendString(Flux.concat(Mono.just(offered), in.receive().asString().concatMap(text -> text.startsWith("close:")
                ? out.sendClose(Integer.parseInt(text.substring("close:".length())), "asked to").then(Mono.<String>empty())
                : Mono.just(name + ":" + text))));
    }

    private void record(HttpServerRequest request) {
        Map<String, List<String>> headers = new TreeMap<>();
        request.requestHeaders().forEach(entry -> headers.computeIfAbsent(entry.getKey().toLowerCase(Locale.ROOT),
                k -> new CopyOnWriteArrayList<>()).add(entry.getValue()));
        received.add(new Received(request.method().name(), request.uri(), headers));
    }
}
