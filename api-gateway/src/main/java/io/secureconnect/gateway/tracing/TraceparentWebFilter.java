package io.secureconnect.gateway.tracing;

import java.util.Optional;

import io.secureconnect.common.tracing.TraceContext;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Propagates W3C {@code traceparent} to the services (see {@link TraceContext}); an invalid one is replaced, and a
 * {@code tracestate} only travels with the trace it belongs to. The trace and span ids are kept on the exchange for
 * the access log.
 */
@Component
public class TraceparentWebFilter implements WebFilter, Ordered {

    /** Exchange attribute holding this hop's {@link TraceContext}. */
    public static final String ATTRIBUTE = TraceparentWebFilter.class.getName() + ".context";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Optional<TraceContext> incoming = TraceContext.parse(exchange.getRequest().getHeaders().getFirst(TraceContext.HEADER));
        TraceContext context = incoming.map(TraceContext::child).orElseGet(TraceContext::newTrace);
        boolean continued = incoming.isPresent();
        exchange.getAttributes().put(ATTRIBUTE, context);
        ServerHttpRequest request = exchange.getRequest().mutate().headers(headers -> {
            headers.set(TraceContext.HEADER, context.header());
            if (!continued) {
                headers.remove("tracestate");
            }
        }).build();
        return chain.filter(exchange.mutate().request(request).build());
    }

    /** The trace id of this request, or null outside one. */
    public static String traceId(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE) instanceof TraceContext context ? context.traceId() : null;
    }

    /** The gateway's span id of this request, or null outside one. */
    public static String spanId(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE) instanceof TraceContext context ? context.spanId() : null;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 4;
    }
}
