package io.secureconnect.chat.realtime;

import io.secureconnect.chat.ChatProperties;
import io.secureconnect.common.websocket.WebSocketSessions;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * {@code /ws/chat}. The handshake is authenticated by the security filter chain (token in
 * {@code Sec-WebSocket-Protocol: bearer, <token>} or {@code access_token}); the server answers with the
 * {@code bearer} subprotocol that browsers expect back. Frames above the size limit close the socket with 1009.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class ChatWebSocketConfiguration implements WebSocketConfigurer {

    /**
     * Tomcat keeps a text and a binary buffer of these sizes for every socket; frames above them arrive in parts that
     * {@link ChatSocketHandler} puts together up to the frame limit. Most frames (acks, pings, short messages) fit.
     */
    static final int TEXT_BUFFER_CHARS = 1024;
    private static final int BINARY_BUFFER_BYTES = 128;

    private final ChatSocketHandler handler;
    private final WebSocketSessions sessions;

    ChatWebSocketConfiguration(ChatSocketHandler handler, WebSocketSessions sessions) {
        this.handler = handler;
        this.sessions = sessions;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        var handshake = new DefaultHandshakeHandler();
        handshake.setSupportedProtocols("bearer");
        // tokens, not cookies, authenticate the socket, so another site's page cannot ride on a user's session
        registry.addHandler(sessions.track(handler), "/ws/chat").setHandshakeHandler(handshake)
                .setAllowedOriginPatterns("*");
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer(ChatProperties properties) {
        var container = new ServletServerContainerFactoryBean();
        int maxFrame = (int) properties.websocket().maxFrameSize().toBytes();
        // Tomcat allocates both buffers in full for every socket, so they are kept small (they were once most of an
        // idle connection's cost); the handler enforces the frame limit itself
        container.setMaxTextMessageBufferSize(Math.min(maxFrame, TEXT_BUFFER_CHARS));
        container.setMaxBinaryMessageBufferSize(BINARY_BUFFER_BYTES);
        container.setMaxSessionIdleTimeout(properties.websocket().idleTimeout().toMillis());
        container.setAsyncSendTimeout(10_000L);
        return container;
    }
}
