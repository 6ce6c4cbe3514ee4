package io.secureconnect.bench.video;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * video-service's jar and a private {@code redis-server}, as processes the benchmark starts, kills with SIGKILL and
 * starts again; PostgreSQL is the local server (database {@code video_bench}, created when missing).
 */
final class VideoServiceUnderTest implements AutoCloseable {

    private static final Pattern RECOVERED = Pattern.compile("Recovered (\\d+) live calls from Redis in (\\d+) ms");
    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Path jar;
    private final Path work;
    private final int port = freePort();
    private final int redisPort = freePort();
    private final Map<String, String> environment;
    private Process redis;
    private Process service;
    private Path output;

    VideoServiceUnderTest(Path jar, String databaseUrl, String issuerUrl, Path work) throws IOException {
        this.jar = jar;
        this.work = Files.createDirectories(work);
        this.environment = Map.of("SERVER_PORT", String.valueOf(port), "SC_DB_URL", databaseUrl,
                "SC_REDIS_URL", "redis://127.0.0.1:" + redisPort, "SC_JWKS_URI", issuerUrl + "/.well-known/jwks.json",
                "SC_AUTH_URL", issuerUrl, "SC_CHAT_URL", issuerUrl, "SC_LOG_DIR", work.toString(),
                "SC_VIDEO_RING_TIMEOUT", "1h", "SC_VIDEO_FRAMES_PER_SECOND", "1000", "SC_VIDEO_FRAME_BURST", "2000");
    }

    int port() {
        return port;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    void startRedis() throws IOException, InterruptedException {
        redis = new ProcessBuilder("redis-server", "--port", String.valueOf(redisPort), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true)
                .redirectOutput(work.resolve("redis.out").toFile()).start();
        Thread.sleep(300); // redis-server answers within milliseconds; the service retries anyway
    }

    /** Starts the jar and answers how long it took until its readiness probe said UP. */
    Duration start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx512m", "-jar", jar.toString()));
        output = work.resolve("video-service-" + System.currentTimeMillis() + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SC_") || name.startsWith("SPRING_"));
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        service = builder.start();
        long deadline = started + TimeUnit.SECONDS.toNanos(180);
        while (!isReady()) {
            if (!service.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("video-service did not become ready; see " + output);
            }
            Thread.sleep(50);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    void kill() throws InterruptedException {
        service.destroyForcibly();
        service.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * What the last start's recovery logged: calls recovered and milliseconds taken, or null if it did not within a
     * minute (it waits for Redis when the busy starting machine made Redis look degraded).
     */
    long[] awaitRecoveryLine() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher matcher = RECOVERED.matcher(Files.readString(output));
            if (matcher.find()) {
                return new long[] {Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))};
            }
            Thread.sleep(100);
        }
        return null;
    }

    private boolean isReady() {
        try {
            var response = PROBE.send(HttpRequest.newBuilder(uri("/health/readiness")).timeout(Duration.ofSeconds(2))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process process : new Process[] {service, redis}) {
            if (process != null && process.isAlive()) {
                process.destroy();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }
}
