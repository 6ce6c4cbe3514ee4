package io.secureconnect.chat.realtime;

import io.secureconnect.chat.ChatProperties;
import io.secureconnect.common.websocket.SocketLimits;
import io.secureconnect.common.websocket.SocketRuntime;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** {@code /ws/chat} on the socket runtime, with chat's limits and frame types. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@Import(SocketRuntime.Beans.class)
class ChatWebSocketConfiguration implements WebSocketConfigurer {

    /**
     * Tomcat keeps a text and a binary buffer of these sizes for every socket; frames above them arrive in parts that
     * the runtime puts together up to the frame limit. Most frames (acks, pings, short messages) fit.
     */
    static final int TEXT_BUFFER_CHARS = 1024;
    private static final int BINARY_BUFFER_BYTES = 128;

    private final SocketRuntime runtime;
    private final ChatEndpoint endpoint;
    private final ChatProperties.WebSocket limits;

    ChatWebSocketConfiguration(SocketRuntime runtime, ChatEndpoint endpoint, ChatProperties properties) {
        this.runtime = runtime;
        this.endpoint = endpoint;
        this.limits = properties.websocket();
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        runtime.serve(registry, "/ws/chat", endpoint, new SocketLimits((int) Math.min(Integer.MAX_VALUE,
                        limits.maxFrameSize().toBytes()), limits.outboundQueue(), limits.framesPerSecond(),
                        limits.frameBurst(), limits.floodLimit(), limits.idleTimeout()),
                ClientFrames.TYPES, ClientFrames.PROTOCOL);
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer(ChatProperties properties) {
        var container = new ServletServerContainerFactoryBean();
        int maxFrame = (int) properties.websocket().maxFrameSize().toBytes();
        // Tomcat allocates both buffers in full for every socket, so they are kept small (they were once most of an
        // idle connection's cost); the runtime enforces the frame limit itself
        container.setMaxTextMessageBufferSize(Math.min(maxFrame, TEXT_BUFFER_CHARS));
        container.setMaxBinaryMessageBufferSize(BINARY_BUFFER_BYTES);
        container.setMaxSessionIdleTimeout(properties.websocket().idleTimeout().toMillis());
        container.setAsyncSendTimeout(10_000L);
        return container;
    }
}
