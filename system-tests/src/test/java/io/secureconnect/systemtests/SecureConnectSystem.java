package io.secureconnect.systemtests;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import io.secureconnect.testsupport.FreePorts;
import io.secureconnect.testsupport.oidc.TestIdentityProvider;
import io.secureconnect.testsupport.jwt.TestJwks;
import io.secureconnect.testsupport.postgres.PostgresServerProcess;
import io.secureconnect.testsupport.process.ServiceProcess;
import io.secureconnect.testsupport.redis.RedisServerProcess;
import io.secureconnect.testsupport.s3.S3TestServer;

import org.awaitility.core.ConditionTimeoutException;

/**
 * The whole of SecureConnect as it is deployed: the five service jars, each a separate process on a free port,
 * each with a database of its own on the suite's private PostgreSQL cluster, sharing one Redis server and one S3
 * server of their own (a test may stop any of them, as an outage would) and one log directory. Tokens are signed
 * with the test-support JWKS key, which auth-service is given as its signing key and every other service
 * fetches, so tests mint their own access tokens. Started once per JVM on first use, all in parallel; stopped
 * when the test run ends or the JVM exits, whichever comes first, so no service outlives the build.
 */
final class SecureConnectSystem implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(240);
    /** Generous: on its first run a service writes its CDS archive while stopping. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private static SecureConnectSystem shared;
    private static RuntimeException startFailure;

    private final Workspace workspace;
    private final JvmLauncher launcher;
    private final Map<Service, ServiceProcess> processes = new EnumMap<>(Service.class);
    private PostgresServerProcess postgres;
    private RedisServerProcess redis;
    private S3TestServer s3;
    private TestIdentityProvider identityProvider;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean started;
    private final Thread shutdownHook = new Thread(this::close, "stop-secureconnect-system");

    private SecureConnectSystem(Workspace workspace) {
        this.workspace = workspace;
        this.launcher = new JvmLauncher(workspace);
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

    /** The single sign-on provider auth-service knows as {@code testidp} ("Test IdP"). */
    TestIdentityProvider identityProvider() {
        return identityProvider;
    }

    URI gateway(String path) {
        return service(Service.GATEWAY, path);
    }

    /** A WebSocket endpoint at the gateway ({@code ws://}). */
    URI gatewaySocket(String path) {
        return URI.create(gateway(path).toString().replaceFirst("^http", "ws"));
    }

    /** {@code host:port} of a service, as a scrape target. */
    String address(Service service) {
        var uri = service(service, "/");
        return uri.getHost() + ":" + uri.getPort();
    }

    /** Stops one service (SIGTERM), for tests of what operators see when a service is down. */
    void stop(Service service) {
        processes.get(service).stop(Duration.ofSeconds(30));
    }

    /** Kills one service (SIGKILL), as a crash would: sockets drop without a close frame, nothing is cleaned up. */
    void kill(Service service) {
        processes.get(service).kill();
    }

    /** Starts a stopped service again, as it was, and waits until it is ready. */
    void restart(Service service) {
        processes.get(service).start();
        awaitAllReady();
    }

    /** Straight to a service's own port, bypassing the gateway (its /metrics, or its own token checks). */
    URI service(Service service, String path) {
        return processes.get(service).uri(path);
    }

    /** The JDBC URL of a database on the suite's cluster ({@code chat}, {@code audit}, …; user {@code postgres}). */
    String databaseUrl(String name) {
        return postgres.jdbcUrl(name);
    }

    /** The suite's Redis server, for tests that watch what passes through it. */
    RedisServerProcess redis() {
        return redis;
    }

    /** The suite's S3 server, for tests that read back what the services stored there. */
    S3TestServer s3() {
        return s3;
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
        processes.values().forEach(process -> files.add(process.output()));
        return files;
    }

    private void start() {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        workspace.prepare();
        redis = RedisServerProcess.startOnFreePort();
        var jwks = TestJwks.shared().jwksUri();
        var ports = new EnumMap<Service, Integer>(Service.class);
        for (var service : Service.values()) {
            ports.put(service, FreePorts.next());
        }
        // an S3 server of the suite's own, which a test may stop: the gateway names it in the web client's
        // Content-Security-Policy (connect-src), so the browsers may upload to and download from presigned URLs
        s3 = S3TestServer.start();
        // a real OpenID provider in this JVM (docs/identity.md, Single sign-on): auth-service reaches it over HTTP, the
        // browsers log in at its form, and it sends them back through the gateway
        identityProvider = TestIdentityProvider.start(publicUrl(ports) + "/api/v1/auth/sso/testidp/callback");
        launcher.prepare();
        postgres = PostgresServerProcess.startOnFreePort();
        // one audit database for the whole suite, as in production
        String audit = createDatabase("audit");
        for (var service : Service.values()) {
            var environment = new HashMap<String, String>();
            environment.put("SERVER_PORT", String.valueOf(ports.get(service)));
            environment.put("SC_LOG_DIR", workspace.logs().toString());
            environment.put("SC_REDIS_URL", redis.url());
            environment.put("SC_JWKS_URI", jwks);
            environment.put("SC_AUDIT_DB_URL", audit);
            environment.put("SC_KEYS_DIR", workspace.dataDirectory(service, "keys").toString());
            environment.put("SC_MAIL_OUTBOX_DIR", workspace.dataDirectory(service, "mail").toString());
            if (service.ownsDatabase()) {
                environment.putAll(Map.of("SC_DB_URL", createDatabase(service.name().toLowerCase()), "SC_DB_USER", "postgres"));
            }
            if (service == Service.AUTH) {
                environment.putAll(signingKey());
                environment.putAll(singleSignOn(ports));
                // passkeys: the browsers open the gateway at localhost (WebAuthn takes no IP address as relying party)
                environment.putAll(Map.of("SC_WEBAUTHN_RP_ID", "localhost",
                        "SC_WEBAUTHN_ORIGINS", "http://localhost:" + ports.get(Service.GATEWAY)));
            }
            // the gateway routes to every service, and services ask each other (chat asks auth about blocks, ...)
            environment.putAll(routesTo(ports));
            if (service == Service.GATEWAY) {
                environment.putAll(budgetForOneAddress());
                // the tests stand where a load balancer in front of the gateway stands: their X-Forwarded-For
                // names the client (SecurityIT speaks for clients at many addresses)
                environment.put("SC_TRUSTED_PROXIES", "127.0.0.1/32");
                environment.put("SC_STORAGE_PUBLIC_ORIGINS", s3.endpoint());
            }
            if (service == Service.STORAGE) {
                environment.putAll(Map.of("SC_S3_ENDPOINT", s3.endpoint(), "SC_S3_ACCESS_KEY", s3.accessKey(),
                        "SC_S3_SECRET_KEY", s3.secretKey(), "SC_S3_REGION", s3.region()));
            }
            if (service == Service.VIDEO) {
                // a call's participants keep their places while video-service is restarted, and one JVM start on
                // two busy cores (browsers decoding video beside it) can take most of the 30 s default
                environment.put("SC_VIDEO_RECONNECT_WINDOW", "120s");
            }
            processes.put(service, ServiceProcess.builder(service.module(), launcher.command(service))
                    .port(ports.get(service)).environment(environment).output(workspace.outputFile(service)).start());
        }
        awaitAllReady();
        started = true;
        report();
    }

    /** A database on the suite's cluster; its JDBC URL (user {@code postgres}, trust). */
    private String createDatabase(String name) {
        try (var connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), "postgres", "");
             var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + " on " + postgres, e);
        }
        return postgres.jdbcUrl(name);
    }

    private Map<String, String> signingKey() {
        var file = workspace.dataDirectory(Service.AUTH, "keys").resolve("jwt-signing-key.json");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, TestJwks.shared().signingKey().toJSONString());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
        return Map.of("SC_JWT_SIGNING_KEY_FILE", file.toString(), "SC_JWT_GENERATE_KEY", "false");
    }

    /** The gateway as the browsers reach it: the address links and single sign-on's callback lead to. */
    private static String publicUrl(Map<Service, Integer> ports) {
        return "http://127.0.0.1:" + ports.get(Service.GATEWAY);
    }

    private Map<String, String> singleSignOn(Map<Service, Integer> ports) {
        return Map.of("SC_PUBLIC_URL", publicUrl(ports),
                "SC_OIDC_TESTIDP_ISSUER", identityProvider.issuer(),
                "SC_OIDC_TESTIDP_CLIENT_ID", identityProvider.clientId(),
                "SC_OIDC_TESTIDP_CLIENT_SECRET", identityProvider.clientSecret(),
                "SC_OIDC_TESTIDP_DISPLAY_NAME", "Test IdP");
    }

    /**
     * Every test user comes from 127.0.0.1, so the per-address budgets on sign-up and login (10 in a burst) would
     * make the suite's order decide which test gets a 429; the gateway's own tests cover the limits.
     */
    private static Map<String, String> budgetForOneAddress() {
        return Map.of("SECURECONNECT_GATEWAY_RATELIMIT_SENSITIVE_PERSECOND", "50",
                "SECURECONNECT_GATEWAY_RATELIMIT_SENSITIVE_BURST", "500",
                "SECURECONNECT_GATEWAY_RATELIMIT_IP_PERSECOND", "200",
                "SECURECONNECT_GATEWAY_RATELIMIT_IP_BURST", "1000");
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
                                + process.output() + ":\n" + process.outputTail(40));
                    }
                }
                return processes.values().stream().allMatch(ServiceProcess::isReady);
            });
        } catch (ConditionTimeoutException e) {
            var notReady = processes.values().stream().filter(process -> !process.isReady())
                    .map(process -> process + " not ready; the end of " + process.output() + ":\n"
                            + process.outputTail(40))
                    .collect(Collectors.joining("\n\n"));
            throw new IllegalStateException("services not ready within " + STARTUP_TIMEOUT + ":\n" + notReady, e);
        }
    }

    private void report() {
        var lines = new StringBuilder("SecureConnect system tests: five services started in parallel (logs in "
                + workspace.logs() + ")\n");
        processes.forEach((service, process) -> lines.append(String.format(
                "  %-16s port %-5d ready after %5.1f s  (%s; %s)%n", service, process.port(),
                process.startupTime().toMillis() / 1000.0, launcher.mode(service),
                logs().bootStartupLine(service).orElse("no startup line logged yet"))));
        System.out.print(lines);
    }

    /** An outage of the suite's PostgreSQL (committed data kept), until {@link #startPostgres()}. */
    void stopPostgres() {
        postgres.stop();
    }

    void startPostgres() {
        postgres.start();
    }

    /** An outage of the suite's S3 server (objects kept), until {@link #startS3()}. */
    void stopS3() {
        s3.stop();
    }

    void startS3() {
        s3.restart();
    }

    /** An outage of the suite's Redis, until {@link #startRedis()}; the services go into degraded mode. */
    void stopRedis() {
        redis.stop();
    }

    void startRedis() {
        redis.start();
    }

    /** Stops every process (SIGTERM to all first, so they shut down in parallel), then drops the databases. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        processes.values().forEach(ServiceProcess::requestStop);
        processes.values().forEach(process -> process.awaitStop(STOP_GRACE));
        if (!started) {
            launcher.discardArchivesOfFailedStart();
        }
        if (redis != null) {
            redis.close();
        }
        if (postgres != null) {
            postgres.close(); // the cluster's files go with it
        }
        if (s3 != null) {
            s3.close();
        }
        if (identityProvider != null) {
            identityProvider.close();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: this is the hook running
        }
    }
}
