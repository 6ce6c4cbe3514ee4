package io.secureconnect.video.signaling;

import java.time.Duration;

import io.secureconnect.common.websocket.SocketLimits;
import io.secureconnect.common.websocket.SocketRuntime;
import io.secureconnect.video.VideoProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * {@code /ws/calls} on the socket runtime. Signaling is bursty (a dozen ICE candidates right after an offer) but
 * never a stream, so a client beyond its budget is flooding: its first refused frame closes the socket (4429).
 * Sockets have no idle timeout of their own: a participant may sit silent in a call.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@Import(SocketRuntime.Beans.class)
class SignalingConfiguration implements WebSocketConfigurer {

    private static final int FLOOD_AT_FIRST_REFUSAL = 1;

    private final SocketRuntime runtime;
    private final SignalingEndpoint endpoint;
    private final VideoProperties.Signaling limits;

    SignalingConfiguration(SocketRuntime runtime, SignalingEndpoint endpoint, VideoProperties properties) {
        this.runtime = runtime;
        this.endpoint = endpoint;
        this.limits = properties.signaling();
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        runtime.serve(registry, "/ws/calls", endpoint, new SocketLimits(limits.maxFrameBytes(), limits.outboundQueue(),
                        limits.framesPerSecond(), limits.burst(), FLOOD_AT_FIRST_REFUSAL, Duration.ZERO),
                ClientFrames.TYPES, ClientFrames.PROTOCOL);
    }

    /**
     * Frames up to the limit arrive whole. Read from the environment: a factory bean is created while beans are still
     * being scanned, before configuration properties are bound.
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
