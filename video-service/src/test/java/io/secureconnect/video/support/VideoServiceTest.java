package io.secureconnect.video.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import io.secureconnect.testsupport.jwt.TestTokens;
import io.secureconnect.testsupport.jwt.WithTestJwks;
import io.secureconnect.testsupport.postgres.WithPostgres;
import io.secureconnect.testsupport.time.MutableClockConfiguration;
import io.secureconnect.testsupport.websocket.TestSocket;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A video-service test over real HTTP and WebSocket: the whole service on a random port with its own PostgreSQL
 * database, chat and auth played by {@link FakeChatAndAuth}, audit events recorded. A short reconnect window and a
 * fast sweep keep recovery tests quick. Redis comes from the subclass: {@link VideoIntegrationTest} uses the shared
 * server, fault tests start their own.
 */
@WithPostgres
@WithTestJwks
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "secureconnect.video.turn.secret=test-turn-secret",
        "secureconnect.video.turn.uris=turn:turn.example.org:3478?transport=udp,stun:stun.example.org:3478",
        "secureconnect.video.reconnect-window=3s",
        "secureconnect.video.instance-ttl=3s",
        "secureconnect.video.sweep-interval=500ms",
        "secureconnect.video.ring-timeout=120s"})
@Import({VideoServiceTest.Audit.class, MutableClockConfiguration.class})
public abstract class VideoServiceTest {

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    @Autowired
    protected RecordedAudit audit;

    protected final FakeChatAndAuth peers = FakeChatAndAuth.shared();

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry registry) {
        registry.add("secureconnect.video.chat-url", () -> FakeChatAndAuth.shared().url());
        registry.add("secureconnect.video.auth-url", () -> FakeChatAndAuth.shared().url());
        registry.add("secureconnect.security.session-status-uri",
                () -> FakeChatAndAuth.shared().url() + "/internal/v1/sessions/current");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Audit {
        @Bean
        RecordedAudit recordedAudit() {
            return new RecordedAudit();
        }
    }

    protected static String token(UUID user) {
        return TestTokens.accessToken(user);
    }

    protected HttpResponse<String> send(String method, String path, UUID user, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", "Bearer " + token(user));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A call placed by {@code caller} in the conversation; asserts it was created. */
    protected JsonNode callIn(UUID conversation, UUID caller) throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/calls", caller,
                "{\"conversationId\":\"" + conversation + "\",\"media\":\"video\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body());
    }

    protected UUID callIdIn(UUID conversation, UUID caller) throws Exception {
        return UUID.fromString(callIn(conversation, caller).path("id").asString());
    }

    protected JsonNode call(UUID callId, UUID user) throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/calls/" + callId, user, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Joins and checks the first frame is {@code ready}. */
    protected TestSocket join(UUID callId, UUID user) {
        TestSocket socket = CallSockets.connect(port, callId, token(user));
        JsonNode ready = socket.next();
        assertThat(ready.path("type").asString()).as(ready.toString()).isEqualTo("ready");
        return socket;
    }

    protected static String signal(UUID to, Object data) {
        return JSON.writeValueAsString(java.util.Map.of("type", "signal", "to", to.toString(), "data", data));
    }
}
