package io.secureconnect.common.websocket;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Every servlet service with Spring WebSocket on its classpath knows its open sockets ({@link WebSocketSessions}),
 * so graceful shutdown closes them with 1001 after the drain.
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.springframework.web.socket.WebSocketHandler")
public class WebSocketSessionsAutoConfiguration {

    @Bean
    WebSocketSessions webSocketSessions() {
        return new WebSocketSessions();
    }
}
