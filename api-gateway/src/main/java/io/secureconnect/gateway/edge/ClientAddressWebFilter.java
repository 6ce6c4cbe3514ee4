package io.secureconnect.gateway.edge;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Settles who the client is before anything else looks: the direct peer, unless that peer is a trusted proxy, in
 * which case the nearest untrusted address of {@code X-Forwarded-For} (read from the right, so entries a client
 * wrote itself on the left are never believed). The request's remote address is replaced by that client address, so
 * rate limits, audit events and logs all see the same one; whether the client used TLS is decided the same way.
 */
@Component
class ClientAddressWebFilter implements WebFilter, Ordered {

    /** Exchange attribute: {@code true} when the client's connection was TLS (directly or at a trusted proxy). */
    static final String SECURE_ATTRIBUTE = ClientAddressWebFilter.class.getName() + ".secure";

    private final Networks trustedProxies;

    ClientAddressWebFilter(EdgeProperties properties) {
        this.trustedProxies = Networks.of(properties.trustedProxies());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        InetSocketAddress peer = request.getRemoteAddress();
        boolean fromTrustedProxy = trustedProxies.contains(peer);
        boolean secure = request.getSslInfo() != null || (fromTrustedProxy
                && "https".equalsIgnoreCase(firstValue(request.getHeaders().getFirst("X-Forwarded-Proto"))));
        exchange.getAttributes().put(SECURE_ATTRIBUTE, secure);
        if (!fromTrustedProxy) {
            return chain.filter(exchange);
        }
        InetAddress client = clientBehindProxies(peer.getAddress(), request.getHeaders());
        if (client.equals(peer.getAddress())) {
            return chain.filter(exchange);
        }
        ServerHttpRequest resolved = request.mutate().remoteAddress(new InetSocketAddress(client, 0)).build();
        return chain.filter(exchange.mutate().request(resolved).build());
    }

    /** Walks the forwarded chain from the right while hops are trusted proxies; stops at anything unparseable. */
    private InetAddress clientBehindProxies(InetAddress peer, HttpHeaders headers) {
        InetAddress client = peer;
        List<String> values = headers.getValuesAsList("X-Forwarded-For");
        for (int i = values.size() - 1; i >= 0 && trustedProxies.contains(client); i--) {
            InetAddress hop = Cidr.literal(values.get(i));
            if (hop == null) {
                break;
            }
            client = hop;
        }
        return client;
    }

    private static String firstValue(String header) {
        return header == null ? null : StringUtils.commaDelimitedListToStringArray(header)[0].trim();
    }

    /** Right after the request id, before security, metrics access and rate limits read the address. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }

    static boolean isSecure(ServerWebExchange exchange) {
        return Boolean.TRUE.equals(exchange.getAttribute(SECURE_ATTRIBUTE));
    }
}
