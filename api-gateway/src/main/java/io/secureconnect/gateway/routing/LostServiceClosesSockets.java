package io.secureconnect.gateway.routing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.reactivestreams.Publisher;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * When the service behind a proxied socket goes away without a close frame (killed, crashed, cut off), the gateway
 * used to end the client's socket with an empty close (1005): its outbound stream simply ended. Now it closes it
 * with 1012 (service restart), so clients reconnect at once (issue 19). A close the service did send (4401, 1000,
 * ...) still reaches the client as it was: the gateway waits a moment for it before deciding the service is gone.
 */
@Configuration(proxyBeanMethods = false)
class LostServiceClosesSockets {

    static final CloseStatus SERVICE_RESTART = new CloseStatus(1012, "service restarting; reconnect");
    /** How long a close relayed from the service may take to reach the client once the service's stream ended. */
    private static final Duration RELAYED_CLOSE_GRACE = Duration.ofMillis(250);

    /** Spring Cloud Gateway's WebSocket service bean cannot be replaced by condition: wrap it instead. */
    @Bean
    static BeanPostProcessor closeClientSocketsOfLostServices() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof WebSocketService service && !(bean instanceof Closing) ? new Closing(service) : bean;
            }
        };
    }

    private record Closing(WebSocketService delegate) implements WebSocketService {

        @Override
        public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler proxy) {
            return delegate.handleRequest(exchange, new WebSocketHandler() {
                @Override
                public List<String> getSubProtocols() {
                    return proxy.getSubProtocols();
                }

                @Override
                public Mono<Void> handle(WebSocketSession client) {
                    // the proxy is done when either direction ends (the service's dropped connection ends it quietly)
                    return proxy.handle(new ClosedWithACode(client)).onErrorResume(failure -> Mono.empty())
                            .then(Mono.defer(() -> closeUnlessRelayed(client)));
                }
            });
        }
    }

    private static Mono<Void> closeUnlessRelayed(WebSocketSession client) {
        if (!client.isOpen()) {
            return Mono.empty();
        }
        return client.closeStatus().timeout(RELAYED_CLOSE_GRACE).then()
                .onErrorResume(noRelayedClose -> client.isOpen() ? client.close(SERVICE_RESTART) : Mono.empty());
    }

    /**
     * The client's session as the proxy sees it: when what the service sends ends, it is closed with the service's
     * own close (relayed by the proxy) or else 1012, before the empty close the end of the stream would send.
     */
    private static final class ClosedWithACode implements WebSocketSession {

        private final WebSocketSession client;
        /**
         * What the client sends, read once: the proxy cancels its reading when the service's connection drops, and a
         * cancelled read would close the client's socket with an empty close before it could get 1012.
         */
        private final Flux<WebSocketMessage> received;

        ClosedWithACode(WebSocketSession client) {
            this.client = client;
            this.received = client.receive().publish().autoConnect();
        }

        /**
         * Sends what the service sends, and when that ends (or the service's connection fails), closes the client's
         * socket with the relayed close or 1012. The sending is not cancelled with the proxy: the proxy ends as soon
         * as either direction does, and a cancelled send would close the client's socket with an empty close first.
         */
        @Override
        public Mono<Void> send(Publisher<WebSocketMessage> messages) {
            Sinks.Empty<Void> sent = Sinks.empty();
            client.send(Flux.from(messages).onErrorResume(lost -> Mono.empty())
                            .concatWith(Mono.defer(() -> closeUnlessRelayed(client)).then(Mono.empty())))
                    .subscribe(null, failed -> sent.tryEmitEmpty(), sent::tryEmitEmpty);
            return sent.asMono();
        }

        @Override
        public String getId() {
            return client.getId();
        }

        @Override
        public HandshakeInfo getHandshakeInfo() {
            return client.getHandshakeInfo();
        }

        @Override
        public DataBufferFactory bufferFactory() {
            return client.bufferFactory();
        }

        @Override
        public Map<String, Object> getAttributes() {
            return client.getAttributes();
        }

        @Override
        public Flux<WebSocketMessage> receive() {
            return received;
        }

        @Override
        public boolean isOpen() {
            return client.isOpen();
        }

        @Override
        public Mono<Void> close(CloseStatus status) {
            return client.close(status);
        }

        @Override
        public Mono<CloseStatus> closeStatus() {
            return client.closeStatus();
        }

        @Override
        public WebSocketMessage textMessage(String payload) {
            return client.textMessage(payload);
        }

        @Override
        public WebSocketMessage binaryMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
            return client.binaryMessage(payloadFactory);
        }

        @Override
        public WebSocketMessage pingMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
            return client.pingMessage(payloadFactory);
        }

        @Override
        public WebSocketMessage pongMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
            return client.pongMessage(payloadFactory);
        }
    }
}
