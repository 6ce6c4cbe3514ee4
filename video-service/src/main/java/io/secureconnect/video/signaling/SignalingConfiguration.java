package io.secureconnect.video.signaling;

import io.secureconnect.common.websocket.WebSocketSessions;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * {@code /ws/calls}: the handshake is authenticated by Spring Security like any request (token in the
 * {@code Sec-WebSocket-Protocol} header or the {@code access_token} parameter); a client that offered the
 * {@code bearer} subprotocol gets it back, as browsers require. Any origin may connect: the token, not a cookie,
 * authenticates, so a foreign page cannot ride on a user's session.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class SignalingConfiguration implements WebSocketConfigurer {

    private final SignalingHandler handler;
    private final WebSocketSessions sessions;

    SignalingConfiguration(SignalingHandler handler, WebSocketSessions sessions) {
        this.handler = handler;
        this.sessions = sessions;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        DefaultHandshakeHandler handshake = new DefaultHandshakeHandler();
        handshake.setSupportedProtocols("bearer");
        registry.addHandler(sessions.track(handler), "/ws/calls")
                .setHandshakeHandler(handshake)
                .setAllowedOriginPatterns("*");
    }

    /**
     * A frame above the limit closes the socket with 1009 before it is buffered in full. Read from the environment:
     * a factory bean is created while beans are still being scanned, before configuration properties are bound.
     */
    @Bean
    static ServletServerContainerFactoryBean signalingContainer(Environment environment) {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(environment.getProperty(
                "secureconnect.video.signaling.max-frame-bytes", Integer.class, 65536));
        container.setMaxBinaryMessageBufferSize(1024);
        return container;
    }
}
