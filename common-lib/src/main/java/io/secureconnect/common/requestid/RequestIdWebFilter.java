package io.secureconnect.common.requestid;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * The WebFlux twin of {@link RequestIdFilter}: fixes the id on the exchange, forwards it downstream (the gateway
 * passes the request on, so the services log the same id) and returns it to the client.
 */
public class RequestIdWebFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String requestId = RequestIds.acceptOrGenerate(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
        ServerHttpRequest request = exchange.getRequest().mutate()
                .headers(headers -> headers.set(RequestIds.HEADER, requestId))
                .build();
        exchange.getAttributes().put(RequestIds.ATTRIBUTE, requestId);
        exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
        // a proxied response brings the service's copy of the header: keep exactly one
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
            return Mono.empty();
        });
        return chain.filter(exchange.mutate().request(request).build())
                .contextWrite(context -> context.put(RequestIds.MDC_KEY, requestId));
    }

    public static String currentRequestId(ServerWebExchange exchange) {
        Object id = exchange.getAttribute(RequestIds.ATTRIBUTE);
        return id != null ? id.toString() : RequestIds.generate();
    }
}
