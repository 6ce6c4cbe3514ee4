package io.secureconnect.common.metrics;

import java.time.Duration;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * WebFlux side of {@link HttpMetrics}. The route is the matched handler pattern; the gateway sets that attribute to
 * the route's path pattern, so proxied requests are labelled by route too.
 */
public class HttpMetricsWebFilter implements WebFilter {

    private final HttpMetrics metrics;

    public HttpMetricsWebFilter(HttpMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long start = System.nanoTime();
        metrics.started();
        return chain.filter(exchange).doFinally(signal -> {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            Object route = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
            metrics.finished(exchange.getRequest().getMethod().name(), route == null ? null : route.toString(),
                    status == null ? 200 : status.value(), Duration.ofNanos(System.nanoTime() - start));
        });
    }
}
