package io.secureconnect.testsupport.postgres;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import io.secureconnect.testsupport.TestSettings;

/**
 * The PostgreSQL server that test databases are created on, and how to reach it as an administrator. Keeps the
 * host list and query parameters of the configured URL, so that {@code ?sslmode=...} reaches every database.
 */
record PostgresServer(String authority, String query, String adminDatabase, String username, String password) {

    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/";

    private static final String PREFIX = "jdbc:postgresql://";
    private static final int CONNECT_TIMEOUT_SECONDS = 3;

    /** The server named by {@code SC_TEST_PG_URL}, {@code SC_TEST_PG_USER} and {@code SC_TEST_PG_PASSWORD}. */
    static PostgresServer configured() {
        return fromUrl(TestSettings.get("SC_TEST_PG_URL", DEFAULT_URL), TestSettings.get("SC_TEST_PG_USER", "postgres"),
                TestSettings.get("SC_TEST_PG_PASSWORD", ""));
    }

    static PostgresServer fromUrl(String jdbcUrl, String username, String password) {
        if (!jdbcUrl.startsWith(PREFIX)) {
            throw new IllegalArgumentException("SC_TEST_PG_URL must look like " + DEFAULT_URL + ", was " + jdbcUrl);
        }
        var uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        var path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
        return new PostgresServer(uri.getRawAuthority(), uri.getRawQuery(), path.isEmpty() ? "postgres" : path,
                username, password);
    }

    String jdbcUrl(String database) {
        return PREFIX + authority + "/" + database + (query == null ? "" : "?" + query);
    }

    /** For messages: where we looked, without the password. */
    String description() {
        return jdbcUrl("") + " as user " + username;
    }

    Connection connectAsAdmin() throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", username);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("ApplicationName", "secureconnect-test-support");
        return DriverManager.getConnection(jdbcUrl(adminDatabase), properties);
    }

    void execute(String sql) {
        try (var connection = connectAsAdmin(); var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("'" + sql + "' failed on " + description() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether a PostgreSQL server listens there. A server that answers but refuses us (wrong password, missing
     * role) is a configuration error to report, not a reason to look for another server.
     */
    boolean answers() {
        try (var connection = connectAsAdmin()) {
            return connection.isValid(CONNECT_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                return false;
            }
            throw new IllegalStateException("PostgreSQL at " + description() + " answered but refused the test "
                    + "connection: " + e.getMessage() + " (check SC_TEST_PG_USER / SC_TEST_PG_PASSWORD)", e);
        }
    }

    @Override
    public String toString() {
        return "PostgresServer[" + description() + "]";
    }
}
