package io.secureconnect.video.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.testsupport.jwt.TestJwks;
import io.secureconnect.testsupport.jwt.TestTokens;
import io.secureconnect.testsupport.postgres.TestDatabase;
import io.secureconnect.testsupport.process.ServiceProcess;
import io.secureconnect.testsupport.redis.RedisServerProcess;
import io.secureconnect.testsupport.websocket.TestSocket;
import io.secureconnect.video.support.CallSockets;
import io.secureconnect.video.support.FakeChatAndAuth;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged video-service jar running as its own operating-system process, so a test can kill it with SIGKILL (no
 * shutdown hook, no goodbye to Redis) and start it again, as an orchestrator restarting a crashed container would.
 */
final class VideoInstance implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final List<String> LEAN_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xms32m", "-Xmx256m", "-Xss512k");
    private static final Duration STARTUP = Duration.ofSeconds(120);

    private final ServiceProcess process;

    VideoInstance(int port, Map<String, String> environment, Path output) {
        Map<String, String> settings = new HashMap<>(environment);
        settings.put("SERVER_PORT", String.valueOf(port));
        this.process = ServiceProcess.builder("video-service", ServiceProcess.javaCommand(LEAN_OPTIONS, jar()))
                .port(port).environment(settings).output(output).build();
    }

    /** The settings every test instance gets: its database, Redis, the test JWKS, chat and auth played by a fake. */
    static Map<String, String> environment(TestDatabase database, RedisServerProcess redis, FakeChatAndAuth peers,
                                           Path logs) {
        Map<String, String> environment = new HashMap<>();
        environment.put("SC_DB_URL", database.jdbcUrl());
        environment.put("SC_DB_USER", database.username());
        if (database.password() != null) {
            environment.put("SC_DB_PASSWORD", database.password());
        }
        environment.put("SC_REDIS_URL", redis.url());
        environment.put("SC_JWKS_URI", TestJwks.shared().jwksUri());
        environment.put("SC_CHAT_URL", peers.url());
        environment.put("SC_AUTH_URL", peers.url());
        environment.put("SC_LOG_DIR", logs.toString());
        return environment;
    }

    /** Places a call in the conversation and answers its id. */
    UUID placeCall(UUID conversation, UUID caller) throws Exception {
        var created = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/calls"))
                .header("Authorization", "Bearer " + TestTokens.accessToken(caller))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"conversationId\":\"" + conversation + "\",\"media\":\"video\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return UUID.fromString(JSON.readTree(created.body()).path("id").asString());
    }

    JsonNode call(UUID callId, UUID user) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/calls/" + callId))
                .header("Authorization", "Bearer " + TestTokens.accessToken(user)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** Joins the call on this instance and checks the first frame is {@code ready}. */
    TestSocket join(UUID callId, UUID user) {
        TestSocket socket = CallSockets.connect(port(), callId, TestTokens.accessToken(user));
        assertThat(socket.next().path("type").asString()).isEqualTo("ready");
        return socket;
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("sc.video.jar", "target/video-service.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run the *IT tests with mvnw verify, after package");
        }
        return jar;
    }

    /** Starts the jar and waits until its readiness probe answers UP. */
    void start() {
        process.start().awaitReady(STARTUP);
    }

    /** SIGKILL: the process gets no chance to clean up. */
    void kill() {
        process.kill();
    }

    String metrics() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri("/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    int port() {
        return process.port();
    }

    URI uri(String path) {
        return process.uri(path);
    }

    @Override
    public void close() {
        process.close();
    }
}
