package io.secureconnect.common.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a service's PostgreSQL database when it does not exist yet, so a fresh server is all a local run or a
 * test needs. Runs against the server's {@code postgres} maintenance database before the pool and Flyway start.
 */
public final class DatabaseCreator {

    private static final Logger log = LoggerFactory.getLogger(DatabaseCreator.class);
    private static final Pattern POSTGRES_URL = Pattern.compile("^(jdbc:postgresql://[^/]*/)([^?/]+)(\\?.*)?$");
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_]{1,63}");
    private static final String DUPLICATE_DATABASE = "42P04";

    private DatabaseCreator() {
    }

    public static void createIfMissing(String jdbcUrl, String username, String password) {
        Matcher url = POSTGRES_URL.matcher(jdbcUrl == null ? "" : jdbcUrl);
        if (!url.matches() || !SAFE_NAME.matcher(url.group(2)).matches()) {
            return; // not a PostgreSQL URL we understand: leave it to the pool to report
        }
        String database = url.group(2);
        String maintenanceUrl = url.group(1) + "postgres" + (url.group(3) == null ? "" : url.group(3));
        Properties credentials = new Properties();
        if (username != null) {
            credentials.setProperty("user", username);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        try (Connection connection = DriverManager.getConnection(maintenanceUrl, credentials)) {
            if (!exists(connection, database)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE DATABASE \"" + database + "\"");
                    log.info("Created database {}", database);
                }
            }
        } catch (SQLException e) {
            if (!DUPLICATE_DATABASE.equals(e.getSQLState())) { // another instance won the race: fine
                log.warn("Could not check or create database {}: {}", database, e.getMessage());
            }
        }
    }

    private static boolean exists(Connection connection, String database) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet result = query.executeQuery()) {
                return result.next();
            }
        }
    }
}
