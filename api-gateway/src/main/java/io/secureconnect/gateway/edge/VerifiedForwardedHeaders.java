package io.secureconnect.gateway.edge;

import java.net.InetSocketAddress;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells the services who the client is: {@code X-Forwarded-For} with the one verified client address and
 * {@code X-Forwarded-Proto}. The gateway's own header filters have already removed whatever the client sent under
 * these names (no trusted proxies are configured for Spring Cloud Gateway itself; {@link ClientAddressWebFilter}
 * decides instead).
 */
@Component
class VerifiedForwardedHeaders implements HttpHeadersFilter, Ordered {

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(input);
        headers.remove("Forwarded");
        InetSocketAddress client = exchange.getRequest().getRemoteAddress();
        if (client != null) {
            headers.set("X-Forwarded-For", client.getAddress().getHostAddress());
        }
        headers.set("X-Forwarded-Proto", ClientAddressWebFilter.isSecure(exchange) ? "https" : "http");
        return headers;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }

    /** After the built-in filters that strip the client's forwarded headers. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
