package io.secureconnect.testsupport.postgres;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds and drops the test databases of JVMs that died before they could drop them (a killed build, a crashed
 * fork). Test database names carry the creating process id; a database whose process is gone is abandoned.
 * Databases of live processes are left alone, so parallel builds on one server do not break each other.
 *
 * <p>Unlike a test's own drop, this one is not forced: a process id is only meaningful on this machine, and a
 * database someone is still connected to (a build on another machine sharing the server, services a crashed
 * system test left running) is not abandoned. It is retried by the next JVM.
 */
final class AbandonedTestDatabases {

    private static final Pattern TEST_DATABASE_NAME = Pattern.compile(
            Pattern.quote(TestDatabases.NAME_PREFIX) + "(\\d+)_[a-z0-9]+");

    private AbandonedTestDatabases() {
    }

    /** Drops every abandoned test database on the server and returns their names. */
    static List<String> drop(PostgresServer server) {
        var dropped = new ArrayList<String>();
        for (var name : unusedTestDatabaseNames(server)) {
            if (isAbandoned(name)) {
                try {
                    server.execute("DROP DATABASE IF EXISTS " + TestDatabases.quote(name));
                    dropped.add(name);
                } catch (IllegalStateException connectedMeanwhile) {
                    // someone connected after all; the next JVM tries again
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

    /** Test databases nobody is connected to (PostgreSQL would make a plain DROP wait 5 s for those). */
    private static List<String> unusedTestDatabaseNames(PostgresServer server) {
        var sql = """
                SELECT datname FROM pg_database d
                WHERE datname LIKE 'sc\\_test\\_%'
                  AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)
                """;
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
