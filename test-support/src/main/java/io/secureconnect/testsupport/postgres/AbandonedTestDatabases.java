package io.secureconnect.testsupport.postgres;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds and drops the test databases of JVMs that died before they could drop them (a killed build, a crashed
 * fork). Test database names carry the creating process id; a database whose process is gone is abandoned.
 * Databases of live processes are left alone, so parallel builds on one server do not break each other.
 */
final class AbandonedTestDatabases {

    private static final Pattern TEST_DATABASE_NAME = Pattern.compile(
            Pattern.quote(TestDatabases.NAME_PREFIX) + "(\\d+)_[a-z0-9]+");

    private AbandonedTestDatabases() {
    }

    /** Drops every abandoned test database on the server and returns their names. */
    static List<String> drop(PostgresServer server) {
        var dropped = new ArrayList<String>();
        for (var name : testDatabaseNames(server)) {
            if (isAbandoned(name)) {
                try {
                    server.execute(TestDatabases.dropStatement(name));
                    dropped.add(name);
                } catch (IllegalStateException raceWithAnotherJvm) {
                    // another JVM dropped it first; nothing left to do
                }
            }
        }
        return dropped;
    }

    static boolean isAbandoned(String databaseName) {
        var matcher = TEST_DATABASE_NAME.matcher(databaseName);
        if (!matcher.matches()) {
            return false;
        }
        var pid = Long.parseLong(matcher.group(1));
        return ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true);
    }

    private static List<String> testDatabaseNames(PostgresServer server) {
        var sql = "SELECT datname FROM pg_database WHERE datname LIKE 'sc\\_test\\_%'";
        try (var connection = server.connectAsAdmin(); var statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            var names = new ArrayList<String>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
        } catch (SQLException e) {
            throw new IllegalStateException("could not list test databases on " + server.description(), e);
        }
    }
}
