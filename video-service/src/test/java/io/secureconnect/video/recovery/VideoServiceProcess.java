package io.secureconnect.video.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.TimeUnit;

import io.secureconnect.testsupport.jwt.TestJwks;
import io.secureconnect.testsupport.jwt.TestTokens;
import io.secureconnect.testsupport.postgres.TestDatabase;
import io.secureconnect.testsupport.redis.RedisServerProcess;
import io.secureconnect.video.support.CallSocket;
import io.secureconnect.video.support.FakeChatAndAuth;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged video-service jar running as its own operating-system process, so a test can kill it with
 * SIGKILL (no shutdown hook, no goodbye to Redis) and start it again, as an orchestrator restarting a crashed
 * container would. Settings a developer exported ({@code SC_*}, {@code SPRING_*}) are not passed on.
 */
final class VideoServiceProcess implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final List<String> LEAN_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xms32m", "-Xmx256m", "-Xss512k");

    private final int port;
    private final Map<String, String> environment;
    private final Path output;
    private Process process;

    VideoServiceProcess(int port, Map<String, String> environment, Path output) {
        this.port = port;
        this.environment = environment;
        this.output = output;
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
    CallSocket join(UUID callId, UUID user) {
        CallSocket socket = CallSocket.connect(port, callId, user, TestTokens.accessToken(user));
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
        var command = new java.util.ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LEAN_OPTIONS);
        command.add("-jar");
        command.add(jar().toString());
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("SC_") || name.startsWith("SPRING_"));
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + jar(), e);
        }
        await("video-service to become ready (output in " + output + ")").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250)).until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("video-service exited with " + process.exitValue()
                                + ", see " + output);
                    }
                    return isReady();
                });
    }

    /** SIGKILL: the process gets no chance to clean up. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    String metrics() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri("/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    int port() {
        return port;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private boolean isReady() {
        try {
            var response = HTTP.send(HttpRequest.newBuilder(uri("/health/readiness")).timeout(Duration.ofSeconds(2))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
