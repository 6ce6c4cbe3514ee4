package io.secureconnect.common.websocket;

import java.time.Clock;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;

import io.secureconnect.common.security.SessionRevocationValidator;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

import tools.jackson.databind.json.JsonMapper;

/**
 * The socket runtime a service imports ({@code @Import(SocketRuntime.Beans.class)}) to serve its socket paths: one
 * registry of open sockets, one {@link SessionWatch}, one set of metrics, and {@link #serve} to put a
 * {@link SocketEndpoint} on a path.
 */
public final class SocketRuntime {

    private final SocketRegistry registry;
    private final SocketMetrics metrics;
    private final WebSocketSessions sessions;
    private final JsonMapper json;

    SocketRuntime(SocketRegistry registry, SocketMetrics metrics, WebSocketSessions sessions, JsonMapper json) {
        this.registry = registry;
        this.metrics = metrics;
        this.sessions = sessions;
        this.json = json;
    }

    /**
     * Serves {@code endpoint} on {@code path}. The handshake is authenticated by the security filter chain (token in
     * {@code Sec-WebSocket-Protocol: bearer, <token>} or {@code access_token}); the server answers with the
     * {@code bearer} subprotocol that browsers expect back. Any origin may connect: a token, not a cookie,
     * authenticates, so another site's page cannot ride on a user's session.
     *
     * @param types       the frame types the path understands, by {@code type}
     * @param protocolDoc where they are described, named in the answer to an unknown type
     */
    public void serve(WebSocketHandlerRegistry handlers, String path, SocketEndpoint endpoint, SocketLimits limits,
                      Map<String, Class<? extends ClientFrame>> types, String protocolDoc) {
        var handshake = new DefaultHandshakeHandler();
        handshake.setSupportedProtocols("bearer");
        var handler = new SocketHandler(endpoint, new FrameTypes(json, types, protocolDoc), limits, registry, metrics, json);
        handlers.addHandler(sessions.track(handler), path).setHandshakeHandler(handshake).setAllowedOriginPatterns("*");
    }

    /** The runtime's beans. */
    @Configuration(proxyBeanMethods = false)
    public static class Beans {

        @Bean
        SocketRegistry socketRegistry(MeterRegistry meters) {
            return new SocketRegistry(meters);
        }

        @Bean
        SocketMetrics socketMetrics(MeterRegistry meters) {
            return new SocketMetrics(meters);
        }

        @Bean
        SessionWatch sessionWatch(SocketRegistry sockets, SessionRevocationValidator revocation, Clock clock) {
            return new SessionWatch(sockets, revocation, clock);
        }

        @Bean
        SocketRuntime socketRuntime(SocketRegistry sockets, SocketMetrics metrics, WebSocketSessions sessions,
                                    JsonMapper json) {
            return new SocketRuntime(sockets, metrics, sessions, json);
        }
    }
}
