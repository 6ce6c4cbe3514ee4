package io.secureconnect.testsupport.postgres;

import java.sql.SQLException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Creates a fresh, empty database for a test class on the PostgreSQL server at {@code SC_TEST_PG_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/}, user {@code postgres}), so test classes never see each other's rows
 * and can run against a developer's server without touching its data. Falls back to a Testcontainers PostgreSQL
 * when nothing answers and Docker exists; otherwise fails with instructions.
 *
 * <p>The first creation in a JVM first drops the databases that crashed runs left behind.
 */
public final class TestDatabases {

    static final String NAME_PREFIX = "sc_test_";

    private static PostgresServer server;

    private TestDatabases() {
    }

    /** A new database named {@code sc_test_<pid>_<random>}; drop it with {@link TestDatabase#drop()}. */
    public static TestDatabase create() {
        var server = server();
        var name = NAME_PREFIX + ProcessHandle.current().pid() + "_" + randomSuffix();
        server.execute("CREATE DATABASE " + quote(name));
        return new TestDatabase(name, server.jdbcUrl(name), server.username(), server.password());
    }

    static void drop(TestDatabase database) {
        server().execute(dropStatement(database.name()));
    }

    static boolean exists(String databaseName) {
        try (var connection = server().connectAsAdmin();
                var statement = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            statement.setString(1, databaseName);
            try (var rows = statement.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not look up database " + databaseName, e);
        }
    }

    static String dropStatement(String databaseName) {
        return "DROP DATABASE IF EXISTS " + quote(databaseName) + " WITH (FORCE)";
    }

    /** The server in use, resolved once per JVM; a failed resolution is retried so every test reports it. */
    static synchronized PostgresServer server() {
        if (server == null) {
            var configured = PostgresServer.configured();
            var resolved = configured.answers() ? configured : PostgresContainerFallback.startInsteadOf(configured);
            AbandonedTestDatabases.drop(resolved);
            server = resolved;
        }
        return server;
    }

    private static String randomSuffix() {
        var bytes = new byte[5];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
