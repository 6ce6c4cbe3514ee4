package io.secureconnect.common.security.servlet;

import jakarta.servlet.http.HttpServletRequest;

import io.secureconnect.common.security.WebSocketTokens;

import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** The Authorization header everywhere; on WebSocket handshakes also the places of {@link WebSocketTokens}. */
public class HandshakeAwareBearerTokenResolver implements BearerTokenResolver {

    private final DefaultBearerTokenResolver headers = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        String token = headers.resolve(request);
        if (token != null || !WebSocketTokens.isHandshakePath(request.getRequestURI())) {
            return token;
        }
        token = WebSocketTokens.fromProtocolHeader(request.getHeader(WebSocketTokens.PROTOCOL_HEADER));
        return token != null ? token : request.getParameter(WebSocketTokens.QUERY_PARAMETER);
    }
}
