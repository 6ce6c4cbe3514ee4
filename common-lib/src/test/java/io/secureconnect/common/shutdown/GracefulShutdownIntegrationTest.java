package io.secureconnect.common.shutdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.secureconnect.common.websocket.WebSocketSessions;
import io.secureconnect.testsupport.jwt.TestJwks;
import io.secureconnect.testsupport.jwt.TestTokens;
import io.secureconnect.testsupport.websocket.TestSocket;

import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * Shutting a service down: readiness turns DOWN first, then open WebSockets are closed with 1001 "going away" so
 * their clients reconnect to another instance, instead of being cut off.
 */
class GracefulShutdownIntegrationTest {

    @SpringBootApplication(excludeName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"})
    @EnableWebSocket
    static class WebSocketApplication {

        @Bean
        WebSocketConfigurer echo(WebSocketSessions sessions) {
            return registry -> registry.addHandler(sessions.track(new TextWebSocketHandler() {
                @Override
                public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                    session.sendMessage(new TextMessage("{\"type\":\"ready\"}"));
                }
            }), "/ws/echo");
        }

        @Bean
        ReadinessLog readinessLog() {
            return new ReadinessLog();
        }
    }

    /** Remembers the readiness changes the application published, in order. */
    static class ReadinessLog implements ApplicationListener<AvailabilityChangeEvent<ReadinessState>> {
        final List<ReadinessState> states = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(AvailabilityChangeEvent<ReadinessState> event) {
            states.add(event.getState());
        }
    }

    @Test
    void readinessGoesDownThenWebSocketsAreToldToGoAway() throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WebSocketApplication.class)
                .run("--server.port=0", "--spring.application.name=shutdown-test",
                        "--secureconnect.security.jwks-uri=" + TestJwks.shared().jwksUri());
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        ReadinessLog readiness = context.getBean(ReadinessLog.class);
        assertThat(context.getBean(ApplicationAvailability.class).getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);

        try (TestSocket client = TestSocket.connectWithTokenInQuery(URI.create("ws://127.0.0.1:" + port + "/ws/echo"),
                TestTokens.accessToken(UUID.randomUUID()))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> client.received().stream()
                    .anyMatch(frame -> frame.toString().equals("{\"type\":\"ready\"}")));

            context.close();

            assertThat(client.awaitClose(Duration.ofSeconds(5))).isEqualTo(1001);
            assertThat(readiness.states).contains(ReadinessState.REFUSING_TRAFFIC);
        }
    }
}
