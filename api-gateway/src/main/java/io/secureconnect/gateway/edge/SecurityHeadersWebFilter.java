package io.secureconnect.gateway.edge;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Browser hardening headers on every answer, the gateway's own and proxied ones alike. They are set just before the
 * response is committed, replacing whatever a service sent, so each header appears exactly once. HSTS only when the
 * client really used TLS (directly or at a trusted proxy): on plain HTTP it would mean nothing, or lock a developer's
 * {@code localhost} onto HTTPS.
 */
@Component
class SecurityHeadersWebFilter implements WebFilter, Ordered {

    private final String hsts;

    SecurityHeadersWebFilter(EdgeProperties properties) {
        this.hsts = "max-age=" + properties.hstsMaxAge().toSeconds() + "; includeSubDomains";
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            if (ClientAddressWebFilter.isSecure(exchange)) {
                headers.set("Strict-Transport-Security", hsts);
            } else {
                headers.remove("Strict-Transport-Security");
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 6;
    }
}
