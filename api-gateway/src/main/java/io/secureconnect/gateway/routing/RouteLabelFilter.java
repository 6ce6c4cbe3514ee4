package io.secureconnect.gateway.routing;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Labels proxied requests for the shared HTTP metrics: the {@code route} metadata of the matched gateway route
 * (its path pattern, e.g. {@code /api/v1/files/**}) becomes the request's matched pattern, so
 * {@code http_requests_total{route}} stays bounded and readable.
 */
@Component
class RouteLabelFilter implements GlobalFilter, Ordered {

    static final String ROUTE_METADATA = "route";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route != null) {
            Object label = route.getMetadata().getOrDefault(ROUTE_METADATA, route.getId());
            exchange.getAttributes().put(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, label.toString());
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
