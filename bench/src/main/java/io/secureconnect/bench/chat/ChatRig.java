package io.secureconnect.bench.chat;

import io.secureconnect.bench.BenchContext;
import io.secureconnect.bench.BenchmarkFailure;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Everything a chat benchmark measures against: its own chat-service JVM from the built jar, on a free port, with a
 * database and a Redis index of its own (both emptied before and after the run), trusting a JWKS the benchmark
 * serves itself, so no other service is needed and nothing of a running suite is touched.
 */
final class ChatRig implements AutoCloseable {

    static final String DEFAULT_JAR = "chat-service/target/chat-service.jar";

    /** Options every chat benchmark takes, for {@code Benchmark#options()}. */
    static Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("jar", "chat-service jar (env SC_BENCH_CHAT_JAR, default " + DEFAULT_JAR
                + "; build it with ./mvnw -B -o -q package -DskipTests -pl chat-service)");
        options.put("service-heap", "-Xmx of the chat-service JVM (default 1g; chat-reconnect-storm 2g)");
        options.put("service-setting", "extra Spring settings for the service, name=value[,name=value...] (e.g. "
                + "secureconnect.chat.websocket.max-frame-size=8KB)");
        options.put("redis-db", "Redis database index the service uses, flushed before and after (default 13)");
        return options;
    }

    private final BenchContext context;
    private final BenchTokens tokens;
    private final ChatServiceProcess service;
    private final String database;
    private final String redisDb;
    private final Path workDirectory;

    private ChatRig(BenchContext context, BenchTokens tokens, ChatServiceProcess service, String database,
                    String redisDb, Path workDirectory) {
        this.context = context;
        this.tokens = tokens;
        this.service = service;
        this.database = database;
        this.redisDb = redisDb;
        this.workDirectory = workDirectory;
    }

    /**
     * Starts the service and waits until it is ready.
     *
     * @param settings extra {@code --name=value} Spring settings for the service
     */
    static ChatRig start(BenchContext context, String benchmark, Map<String, String> settings) throws Exception {
        return start(context, benchmark, settings, "1g");
    }

    /** Same, with another default for {@code --service-heap}. */
    static ChatRig start(BenchContext context, String benchmark, Map<String, String> settings, String defaultHeap)
            throws Exception {
        Path jar = jar(context);
        String redisDb = context.option("redis-db", null, "13");
        String database = "bench_" + benchmark.replace('-', '_');
        Path work = Files.createTempDirectory("sc-" + benchmark + "-");
        Files.createDirectories(work.resolve("logs"));
        dropDatabase(database);
        shell(List.of("redis-cli", "-h", "127.0.0.1", "-n", redisDb, "FLUSHDB"));
        BenchTokens tokens = BenchTokens.start();
        int port = freePort();
        Map<String, String> environment = Map.of(
                "SERVER_PORT", String.valueOf(port),
                "SC_DB_URL", "jdbc:postgresql://127.0.0.1:5432/" + database,
                "SC_REDIS_URL", "redis://127.0.0.1:6379/" + redisDb,
                "SC_JWKS_URI", tokens.jwksUri(),
                "SC_AUTH_URL", tokens.authUrl(),
                "SC_LOG_DIR", work.resolve("logs").toString(),
                "SC_CHAT_WS_FRAMES_PER_SECOND", "100000");
        List<String> arguments = new ArrayList<>();
        // Tomcat's default of 8192 connections is far below what one chat instance is meant to hold
        arguments.add("--server.tomcat.max-connections=30000");
        arguments.add("--secureconnect.chat.websocket.frame-burst=100000");
        settings.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        for (String setting : context.option("service-setting", null, "").split(",")) {
            if (!setting.isBlank()) {
                if (!setting.contains("=")) {
                    throw new BenchmarkFailure("--service-setting: expected name=value, got '" + setting + "'");
                }
                arguments.add("--" + setting.trim());
            }
        }
        var service = new ChatServiceProcess(jar, context.option("service-heap", null, defaultHeap), port, environment,
                arguments, work, context.http());
        ChatRig rig = new ChatRig(context, tokens, service, database, redisDb, work);
        try {
            context.progress("starting chat-service on port %d (database %s, Redis db %s, output in %s)"
                    .formatted(port, database, redisDb, work));
            service.start();
            service.awaitReady();
            context.progress("chat-service ready, pid " + service.pid());
            return rig;
        } catch (Exception | Error e) {
            rig.close();
            throw e;
        }
    }

    ChatServiceProcess service() {
        return service;
    }

    BenchTokens tokens() {
        return tokens;
    }

    ChatRest rest(UUID userId) {
        return new ChatRest(context.http(), service.uri(""), tokens.accessToken(userId));
    }

    java.net.URI socketUri() {
        return java.net.URI.create("ws://127.0.0.1:" + service.port() + "/ws/chat");
    }

    /**
     * How often the service lost faith in Redis during the run: switches to degraded mode in its log, and session
     * checks that went to (our stand-in for) auth-service instead.
     */
    String redisDegradation() {
        return ("chat-service switched to Redis degraded mode %d time(s) during the run and asked auth-service's "
                + "session status %d time(s) (it does so only while degraded)").formatted(
                service.countInOutput("switching to degraded mode"), tokens.sessionChecks());
    }

    /** The deployment facts a report should state. */
    String describe() {
        return "chat-service started by the benchmark: `" + String.join(" ", service.command().subList(1,
                service.command().size())) + "` (SC_CHAT_WS_FRAMES_PER_SECOND=100000, own database " + database
                + ", Redis db " + redisDb + ")";
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tokens.close();
        try {
            dropDatabase(database);
            shell(List.of("redis-cli", "-h", "127.0.0.1", "-n", redisDb, "FLUSHDB"));
        } catch (IOException | InterruptedException e) {
            context.progress("cleanup failed: " + e.getMessage());
        }
        context.progress("chat-service output kept in " + workDirectory);
    }

    /** A JVM memory size as -Xmx takes it ({@code 512m}, {@code 1g}, bytes without a unit). */
    static long bytes(String size) {
        String text = size.trim().toLowerCase(java.util.Locale.ROOT);
        long unit = switch (text.isEmpty() ? ' ' : text.charAt(text.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1;
        };
        return Long.parseLong(unit == 1 ? text : text.substring(0, text.length() - 1)) * unit;
    }

    private static Path jar(BenchContext context) throws BenchmarkFailure {
        Path jar = Path.of(context.option("jar", "SC_BENCH_CHAT_JAR", DEFAULT_JAR));
        if (!Files.isRegularFile(jar) && !jar.isAbsolute() && Files.isRegularFile(Path.of("..").resolve(jar))) {
            jar = Path.of("..").resolve(jar);
        }
        if (!Files.isRegularFile(jar)) {
            throw new BenchmarkFailure("no chat-service jar at " + jar.toAbsolutePath() + "; build it with "
                    + "./mvnw -B -o -q package -DskipTests -pl chat-service, or point --jar / SC_BENCH_CHAT_JAR at "
                    + "one.");
        }
        return jar.toAbsolutePath();
    }

    private static void dropDatabase(String database) throws IOException, InterruptedException {
        shell(List.of("psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c",
                "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)"));
    }

    private static void shell(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within 60 s");
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed with status " + process.exitValue());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
