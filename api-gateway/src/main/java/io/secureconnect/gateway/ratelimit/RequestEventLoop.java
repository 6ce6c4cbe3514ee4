package io.secureconnect.gateway.ratelimit;

import io.netty.channel.EventLoop;

import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

/**
 * The event loop of the client's connection, to continue a request on after an answer from Redis. Lettuce completes
 * on its own thread; left there, the rest of the request (the downstream call, the response) would cross to other
 * event loops, while on the request's own loop Reactor Netty reuses a downstream connection of that same loop and
 * the whole exchange stays on one thread.
 */
final class RequestEventLoop {

    private RequestEventLoop() {
    }

    static Scheduler of(ServerWebExchange exchange) {
        Object request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        if (request instanceof Connection connection) {
            EventLoop loop = connection.channel().eventLoop();
            return Schedulers.fromExecutor(task -> {
                if (loop.inEventLoop()) {
                    task.run();
                } else {
                    loop.execute(task);
                }
            });
        }
        return Schedulers.immediate();
    }
}
