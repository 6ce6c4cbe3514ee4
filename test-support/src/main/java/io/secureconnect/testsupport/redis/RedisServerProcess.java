package io.secureconnect.testsupport.redis;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.secureconnect.testsupport.FreePorts;
import io.secureconnect.testsupport.TestSettings;

/**
 * A private {@code redis-server} process on a free loopback port, for fault tests that take Redis away and bring
 * it back: {@link #stop()} kills it (like a crash: nothing is saved), {@link #start()} starts a new, empty server
 * on the same port, so clients configured with {@link #url()} reconnect to it. The shared Redis is never touched.
 * Processes still running when the JVM exits are killed.
 */
public final class RedisServerProcess implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);
    private static final int PORT_ATTEMPTS = 3;
    private static final Set<Process> running = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> running.forEach(Process::destroyForcibly),
                "kill-test-redis-servers"));
    }

    private final int port;
    private final Path log;
    private Process process;

    private RedisServerProcess(int port, Path log) {
        this.port = port;
        this.log = log;
    }

    /** Starts a server on a free port; tries another port if the chosen one was taken in the meantime. */
    public static RedisServerProcess startOnFreePort() {
        IllegalStateException lastFailure = null;
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            var server = new RedisServerProcess(FreePorts.next(), createLog());
            try {
                return server.start();
            } catch (IllegalStateException e) {
                server.close();
                lastFailure = e;
            }
        }
        throw lastFailure;
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public String url() {
        return "redis://" + HOST + ":" + port;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the server on its port (again) and waits until it answers PING; does nothing if it is running. */
    public synchronized RedisServerProcess start() {
        if (isRunning()) {
            return this;
        }
        var started = launch();
        running.add(started);
        process = started;
        try {
            await("redis-server on port " + port + " to answer PING").atMost(STARTUP_TIMEOUT)
                    .pollInterval(Duration.ofMillis(20)).until(() -> {
                        if (!started.isAlive()) {
                            throw new IllegalStateException("redis-server on port " + port + " exited with "
                                    + started.exitValue() + ":\n" + Files.readString(log));
                        }
                        return answersPing();
                    });
        } catch (RuntimeException e) {
            kill();
            throw e;
        }
        return this;
    }

    /** Kills the server and waits until its port refuses connections. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        kill();
        await("port " + port + " to refuse connections").atMost(STARTUP_TIMEOUT)
                .pollInterval(Duration.ofMillis(20)).until(() -> !acceptsConnections());
    }

    /**
     * Stops the process without closing its port (SIGSTOP): connections are still accepted, but nothing is answered,
     * as from a Redis that hangs or is starved of CPU. {@link #thaw()} lets it go on.
     */
    public synchronized void freeze() {
        signal("STOP");
    }

    /** Lets a {@link #freeze() frozen} server go on (SIGCONT). */
    public synchronized void thaw() {
        signal("CONT");
    }

    private void signal(String name) {
        if (process == null) {
            throw new IllegalStateException("redis-server on port " + port + " is not running");
        }
        try {
            int exit = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        stop();
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a leftover log in the temp directory is harmless
        }
    }

    private void kill() {
        var killed = process;
        killed.destroyForcibly();
        killed.onExit().join();
        running.remove(killed);
        process = null;
    }

    private Process launch() {
        var executable = TestSettings.get("SC_REDIS_SERVER", "redis-server");
        try {
            return new ProcessBuilder(executable, "--port", String.valueOf(port), "--bind", HOST, "--save", "",
                    "--appendonly", "no").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + executable + ": install it (apt-get install "
                    + "redis-server) or set SC_REDIS_SERVER to its path", e);
        }
    }

    private boolean answersPing() {
        try (var connection = RespConnection.open(HOST, port)) {
            return "PONG".equals(connection.call("PING"));
        } catch (IOException | IllegalStateException notYet) {
            return false;
        }
    }

    private boolean acceptsConnections() {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static Path createLog() {
        try {
            return Files.createTempFile("redis-server-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "RedisServerProcess[" + url() + (isRunning() ? ", running" : ", stopped") + "]";
    }
}
