package io.secureconnect.gateway.edge;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Headers that carry identity between our own parts ({@code X-User-Id}, {@code X-User-*}, {@code X-Internal-*},
 * {@code X-Authenticated-*}) are never taken from a client: they are removed from every forwarded request, and
 * {@code X-User-Id} is set again from the verified token, if there is one. (Services still check the token
 * themselves; the header is only believable because the gateway always rewrites it.)
 */
@Component
public class InternalHeadersFilter implements GlobalFilter, Ordered {

    public static final String USER_ID_HEADER = "X-User-Id";
    /** Exchange attribute: the verified user id of the request, for the access log. */
    public static final String USER_ATTRIBUTE = InternalHeadersFilter.class.getName() + ".user";

    private static final List<String> INTERNAL_PREFIXES = List.of("x-user-", "x-internal-", "x-authenticated-");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal().map(principal -> Optional.of(principal.getName()))
                .defaultIfEmpty(Optional.empty())
                .flatMap(user -> {
                    user.ifPresent(id -> exchange.getAttributes().put(USER_ATTRIBUTE, id));
                    return chain.filter(forward(exchange, user.orElse(null)));
                });
    }

    private static ServerWebExchange forward(ServerWebExchange exchange, String user) {
        ServerHttpRequest request = exchange.getRequest().mutate().headers(headers -> {
            headers.headerNames().stream().filter(InternalHeadersFilter::isInternal).toList().forEach(headers::remove);
            if (user != null) {
                headers.set(USER_ID_HEADER, user);
            }
        }).build();
        return exchange.mutate().request(request).build();
    }

    static boolean isInternal(String header) {
        String name = header.toLowerCase(Locale.ROOT);
        return INTERNAL_PREFIXES.stream().anyMatch(name::startsWith) || name.equals("x-roles");
    }

    /** Right after routing, before rate limiting, so even a refused request's access log line names its user. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }
}
