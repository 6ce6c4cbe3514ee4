package io.secureconnect.testsupport.postgres;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The second choice when no PostgreSQL answers at {@code SC_TEST_PG_URL}: one {@code postgres:17-alpine}
 * container per JVM, if a Docker engine exists. Kept apart so that Testcontainers is only touched when needed.
 * Without Docker the tests fail with instructions: a silently skipped database test is a test that never runs.
 */
final class PostgresContainerFallback {

    static final String IMAGE = "postgres:17-alpine";

    private static PostgreSQLContainer container;

    private PostgresContainerFallback() {
    }

    static synchronized PostgresServer startInsteadOf(PostgresServer unreachable) {
        if (container == null) {
            if (!dockerAvailable()) {
                throw new IllegalStateException(howToStartPostgres(unreachable));
            }
            var started = new PostgreSQLContainer(IMAGE);
            started.start();
            container = started;
        }
        return new PostgresServer(container.getHost() + ":" + container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
                null, "postgres", container.getUsername(), container.getPassword());
    }

    static String howToStartPostgres(PostgresServer unreachable) {
        return "No PostgreSQL answers at " + unreachable.description() + " and no Docker engine is available for "
                + "Testcontainers. Start the local server with: "
                + "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start "
                + "-- or set SC_TEST_PG_URL (and SC_TEST_PG_USER / SC_TEST_PG_PASSWORD) to a running PostgreSQL.";
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
