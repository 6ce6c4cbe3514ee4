package io.secureconnect.common.security.reactive;

import io.secureconnect.common.security.WebSocketTokens;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/** The Authorization header everywhere; on WebSocket handshakes also the places of {@link WebSocketTokens}. */
public class HandshakeAwareServerTokenConverter implements ServerAuthenticationConverter {

    private final ServerBearerTokenAuthenticationConverter headers = new ServerBearerTokenAuthenticationConverter();

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        var request = exchange.getRequest();
        if (!WebSocketTokens.isHandshakePath(request.getPath().value())
                || request.getHeaders().containsHeader("Authorization")) {
            return headers.convert(exchange);
        }
        String token = WebSocketTokens.fromProtocolHeader(request.getHeaders().getFirst(WebSocketTokens.PROTOCOL_HEADER));
        if (token == null) {
            token = request.getQueryParams().getFirst(WebSocketTokens.QUERY_PARAMETER);
        }
        return token == null ? Mono.empty() : Mono.just(new BearerTokenAuthenticationToken(token));
    }
}
