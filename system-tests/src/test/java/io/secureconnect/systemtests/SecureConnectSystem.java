package io.secureconnect.systemtests;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import io.secureconnect.testsupport.FreePorts;
import io.secureconnect.testsupport.jwt.TestJwks;
import io.secureconnect.testsupport.postgres.TestDatabase;
import io.secureconnect.testsupport.postgres.TestDatabases;
import io.secureconnect.testsupport.redis.SharedRedis;

import org.awaitility.core.ConditionTimeoutException;

/**
 * The whole of SecureConnect as it is deployed: the five service jars, each a separate process on a free port,
 * each with a fresh PostgreSQL database, sharing one Redis database, one log directory and one JWKS (the test
 * JWKS, so tests mint their own access tokens). Started once per JVM on first use, in parallel; stopped when
 * the test run ends or the JVM exits, whichever comes first, so no service outlives the build.
 */
final class SecureConnectSystem implements AutoCloseable {

    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private static SecureConnectSystem shared;
    private static RuntimeException startFailure;

    private final Workspace workspace;
    private final Map<Service, ServiceProcess> processes = new EnumMap<>(Service.class);
    private final List<TestDatabase> databases = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook = new Thread(this::close, "stop-secureconnect-system");

    private SecureConnectSystem(Workspace workspace) {
        this.workspace = workspace;
    }

    /**
     * The JVM's one running system, started by the first caller. A failed start is remembered, so every later
     * test class fails at once with the same cause instead of waiting for its own timeout.
     */
    static synchronized SecureConnectSystem shared() {
        if (startFailure != null) {
            throw startFailure;
        }
        if (shared == null) {
            var system = new SecureConnectSystem(Workspace.locate());
            try {
                system.start();
            } catch (RuntimeException | Error e) {
                system.close();
                startFailure = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                throw e;
            }
            shared = system;
        }
        return shared;
    }

    /** Stops the shared system if one was started; safe to call more than once. */
    static synchronized void stopShared() {
        if (shared != null) {
            shared.close();
        }
    }

    URI gateway(String path) {
        return service(Service.GATEWAY, path);
    }

    /** Straight to a service's own port, bypassing the gateway (its /metrics, or its own token checks). */
    URI service(Service service, String path) {
        return processes.get(service).uri(path);
    }

    Path logDirectory() {
        return workspace.logs();
    }

    LogFiles logs() {
        return new LogFiles(workspace.logs());
    }

    /** Every file the services wrote: their log directory and their captured stdout/stderr. */
    List<Path> filesWrittenByServices() {
        var files = new ArrayList<>(logs().allFiles());
        processes.values().forEach(process -> files.add(process.outputFile()));
        return files;
    }

    private void start() {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        workspace.prepare();
        var redis = SharedRedis.allocateDatabase().url();
        var jwks = TestJwks.shared().jwksUri();
        var ports = new EnumMap<Service, Integer>(Service.class);
        for (var service : Service.values()) {
            ports.put(service, FreePorts.next());
        }
        var launcher = new JvmLauncher(workspace);
        for (var service : Service.values()) {
            var environment = new HashMap<String, String>();
            environment.put("SERVER_PORT", String.valueOf(ports.get(service)));
            environment.put("SC_LOG_DIR", workspace.logs().toString());
            environment.put("SC_REDIS_URL", redis);
            environment.put("SC_JWKS_URI", jwks);
            environment.put("SC_KEYS_DIR", workspace.dataDirectory(service, "keys").toString());
            environment.put("SC_MAIL_OUTBOX_DIR", workspace.dataDirectory(service, "mail").toString());
            environment.put("SC_S3_DIR", workspace.dataDirectory(service, "s3").toString());
            if (service.ownsDatabase()) {
                environment.putAll(databaseFor(service));
            }
            if (service == Service.GATEWAY) {
                environment.putAll(routesTo(ports));
            }
            processes.put(service, ServiceProcess.launch(service, ports.get(service),
                    launcher.command(service), environment, workspace.outputFile(service)));
        }
        awaitAllReady();
        report();
    }

    private Map<String, String> databaseFor(Service service) {
        var database = TestDatabases.create();
        databases.add(database);
        var environment = new HashMap<String, String>();
        environment.put("SC_DB_URL", database.jdbcUrl());
        environment.put("SC_DB_USER", database.username());
        if (database.password() != null) {
            environment.put("SC_DB_PASSWORD", database.password());
        }
        return environment;
    }

    private static Map<String, String> routesTo(Map<Service, Integer> ports) {
        return Map.of(
                "SC_AUTH_URL", "http://127.0.0.1:" + ports.get(Service.AUTH),
                "SC_CHAT_URL", "http://127.0.0.1:" + ports.get(Service.CHAT),
                "SC_VIDEO_URL", "http://127.0.0.1:" + ports.get(Service.VIDEO),
                "SC_STORAGE_URL", "http://127.0.0.1:" + ports.get(Service.STORAGE),
                "SC_CHAT_WS_URL", "ws://127.0.0.1:" + ports.get(Service.CHAT),
                "SC_VIDEO_WS_URL", "ws://127.0.0.1:" + ports.get(Service.VIDEO));
    }

    /** Waits for every readiness probe; a process that exits on the way fails the start at once. */
    private void awaitAllReady() {
        try {
            await("all services ready").atMost(STARTUP_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
                for (var process : processes.values()) {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(process + " exited while starting; the end of "
                                + process.outputFile() + ":\n" + process.outputTail(40));
                    }
                }
                return processes.values().stream().allMatch(ServiceProcess::isReady);
            });
        } catch (ConditionTimeoutException e) {
            var notReady = processes.values().stream().filter(process -> !process.isReady())
                    .map(process -> process + " not ready; the end of " + process.outputFile() + ":\n"
                            + process.outputTail(40))
                    .collect(Collectors.joining("\n\n"));
            throw new IllegalStateException("services not ready within " + STARTUP_TIMEOUT + ":\n" + notReady, e);
        }
    }

    private void report() {
        var lines = new StringBuilder("SecureConnect system tests: five services started in parallel (logs in "
                + workspace.logs() + ")\n");
        for (var process : processes.values()) {
            lines.append(String.format("  %-16s port %-5d pid %-7d ready after %5.1f s  %s%n", process.service(),
                    process.port(), process.pid(), process.startupTime().toMillis() / 1000.0,
                    logs().bootStartupLine(process.service()).orElse("")));
        }
        System.out.print(lines);
    }

    /** Stops every process (SIGTERM to all first, so they shut down in parallel), then drops the databases. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        processes.values().forEach(ServiceProcess::requestStop);
        processes.values().forEach(process -> process.awaitStop(STOP_GRACE));
        for (var database : databases) {
            try {
                database.drop();
            } catch (RuntimeException e) {
                System.err.println("could not drop " + database + ": " + e.getMessage());
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: this is the hook running
        }
    }

    /** Where the run writes: {@code system-tests/target/system-tests/run-<pid>/}, beside the service jars. */
    record Workspace(Path root, Path target, Path run) {

        static Workspace locate() {
            var root = Path.of(System.getProperty("sc.systemtests.root", defaultRoot().toString()))
                    .toAbsolutePath().normalize();
            var target = Path.of(System.getProperty("sc.systemtests.target",
                    root.resolve("system-tests/target").toString())).toAbsolutePath().normalize();
            var run = target.resolve("system-tests").resolve("run-" + ProcessHandle.current().pid());
            return new Workspace(root, target, run);
        }

        /** The checkout root whether the JVM runs in it or in system-tests/ (IDE runs, plain failsafe). */
        private static Path defaultRoot() {
            var workingDirectory = Path.of(System.getProperty("user.dir")).toAbsolutePath();
            return workingDirectory.getFileName().toString().equals("system-tests")
                    ? workingDirectory.getParent() : workingDirectory;
        }

        Path jar(Service service) {
            return root.resolve(service.module()).resolve("target").resolve(service.module() + ".jar");
        }

        Path logs() {
            return run.resolve("logs");
        }

        Path outputFile(Service service) {
            return run.resolve(service.module() + ".out");
        }

        Path dataDirectory(Service service, String kind) {
            return run.resolve("data").resolve(service.module()).resolve(kind);
        }

        /** Checks the jars exist and creates this run's directories, removing those of finished runs. */
        void prepare() {
            var missing = java.util.Arrays.stream(Service.values()).map(this::jar).filter(Files::notExists).toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("service jars missing: " + missing + ". Run ./mvnw package first "
                        + "(./mvnw verify from the checkout root packages them before the system tests run).");
            }
            removeFinishedRuns();
            try {
                Files.createDirectories(logs());
            } catch (IOException e) {
                throw new UncheckedIOException("could not create " + logs(), e);
            }
        }

        private void removeFinishedRuns() {
            try (var runs = Files.list(Files.createDirectories(run.getParent()))) {
                runs.filter(dir -> dir.getFileName().toString().startsWith("run-"))
                        .filter(dir -> !isLiveRun(dir))
                        .forEach(Workspace::deleteRecursively);
            } catch (IOException e) {
                throw new UncheckedIOException("could not tidy " + run.getParent(), e);
            }
        }

        /** Another build running the system tests at the same time keeps its directory. */
        private static boolean isLiveRun(Path dir) {
            try {
                var pid = Long.parseLong(dir.getFileName().toString().substring("run-".length()));
                return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            } catch (NumberFormatException e) {
                return false;
            }
        }

        private static void deleteRecursively(Path dir) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not delete " + dir + ": " + e.getMessage());
            }
        }
    }
}
