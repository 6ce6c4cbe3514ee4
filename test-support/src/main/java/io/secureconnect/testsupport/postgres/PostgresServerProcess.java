package io.secureconnect.testsupport.postgres;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.secureconnect.testsupport.FreePorts;
import io.secureconnect.testsupport.TestSettings;

/**
 * A private PostgreSQL cluster on a free loopback port, for fault tests that stop the database and start it again:
 * {@link #stop()} shuts it down as an operator would ({@code pg_ctl stop -m fast}: sessions are terminated, the port
 * refuses connections), {@link #start()} starts it again on the same port with the same data, so whatever was
 * committed before is still there. The machine's shared server is never touched. Trust authentication, user
 * {@code postgres}, fsync off, 200 connections (a whole system: five services' pools and audit pools, and the
 * connections of a killed service until the server notices). Binaries from {@code SC_PG_BIN} or the newest {@code /usr/lib/postgresql/<v>/bin};
 * as root (where initdb refuses to run) every command runs in a user namespace as an unprivileged user. A cluster
 * still running when the JVM exits is stopped.
 */
public final class PostgresServerProcess implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Set<PostgresServerProcess> running = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> running.forEach(PostgresServerProcess::stopQuietly),
                "stop-test-postgres-clusters"));
    }

    private final Path bin;
    private final Path dir;
    private final int port;
    private boolean started;

    private PostgresServerProcess(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    /** Creates a cluster in a temporary directory and starts it on a free port. */
    public static PostgresServerProcess startOnFreePort() {
        Path bin = binaries();
        try {
            Path dir = Files.createTempDirectory("test-postgres-");
            var server = new PostgresServerProcess(bin, dir, FreePorts.next());
            server.run(TIMEOUT, "initdb", "-D", server.data().toString(), "-U", "postgres", "-A", "trust", "-E",
                    "UTF8", "--no-sync");
            return server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    /** Starts the cluster (again) and waits until it accepts connections; does nothing if it runs. */
    public synchronized PostgresServerProcess start() {
        if (started) {
            return this;
        }
        run(TIMEOUT, "pg_ctl", "-D", data().toString(), "-l", dir.resolve("postgres.log").toString(), "-w", "-t",
                String.valueOf(TIMEOUT.toSeconds()), "-o", "-p " + port + " -k " + dir + " -c listen_addresses=" + HOST
                        + " -c fsync=off -c full_page_writes=off -c max_connections=200", "start");
        started = true;
        running.add(this);
        return this;
    }

    /** Shuts the cluster down (fast mode: sessions terminated, committed data kept) and waits for the port to close. */
    public synchronized void stop() {
        if (!started) {
            return;
        }
        run(TIMEOUT, "pg_ctl", "-D", data().toString(), "-m", "fast", "-w", "stop");
        started = false;
        running.remove(this);
        await("port " + port + " to refuse connections").atMost(TIMEOUT).pollInterval(Duration.ofMillis(20))
                .until(() -> !acceptsConnections());
    }

    public synchronized boolean isRunning() {
        return started;
    }

    /** Stops the cluster and deletes its files. */
    @Override
    public synchronized void close() {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover directory in the temp directory is harmless
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException ignored) {
            // the JVM is exiting
        }
    }

    private Path data() {
        return dir.resolve("data");
    }

    private void run(Duration timeout, String program, String... arguments) {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("unshare", "--user", "--map-user=65534"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        try {
            Path output = Files.createTempFile(dir, program + "-", ".out");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeout);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue()
                        + ":\n" + Files.readString(output) + logTail());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String logTail() throws IOException {
        Path log = dir.resolve("postgres.log");
        if (!Files.exists(log)) {
            return "";
        }
        List<String> lines = Files.readAllLines(log);
        return "\npostgres.log:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private boolean acceptsConnections() {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static Path binaries() {
        String configured = TestSettings.get("SC_PG_BIN", "");
        if (!configured.isBlank()) {
            return Path.of(configured);
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(bin -> Integer.parseInt(bin.getParent().getFileName().toString()
                            .replaceAll("\\D", "0"))))
                    .orElseThrow(PostgresServerProcess::noBinaries);
        } catch (IOException e) {
            throw noBinaries();
        }
    }

    private static IllegalStateException noBinaries() {
        return new IllegalStateException("No PostgreSQL server binaries (initdb, pg_ctl) found under /usr/lib/postgresql:"
                + " install them (apt-get install postgresql) or set SC_PG_BIN to their directory");
    }

    @Override
    public String toString() {
        return "PostgresServerProcess[" + jdbcUrl("") + (started ? ", running" : ", stopped") + "]";
    }
}
