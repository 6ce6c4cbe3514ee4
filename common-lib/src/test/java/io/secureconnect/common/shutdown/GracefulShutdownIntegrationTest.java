package io.secureconnect.common.shutdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.secureconnect.common.websocket.WebSocketSessions;
import io.secureconnect.testsupport.jwt.TestJwks;
import io.secureconnect.testsupport.jwt.TestTokens;

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

        CloseRecorder client = new CloseRecorder();
        HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/echo?access_token="
                        + TestTokens.accessToken(UUID.randomUUID())), client)
                .get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> client.messages.contains("{\"type\":\"ready\"}"));

        context.close();

        assertThat(client.closed).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(1001);
        assertThat(readiness.states).contains(ReadinessState.REFUSING_TRAFFIC);
    }

    static class CloseRecorder implements WebSocket.Listener {
        final List<String> messages = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final List<CharSequence> parts = new ArrayList<>();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            parts.add(data);
            if (last) {
                messages.add(String.join("", parts));
                parts.clear();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }
    }
}
