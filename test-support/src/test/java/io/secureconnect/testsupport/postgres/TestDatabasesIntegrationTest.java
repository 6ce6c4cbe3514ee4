package io.secureconnect.testsupport.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import io.secureconnect.testsupport.FreePorts;

class TestDatabasesIntegrationTest {

    @Test
    void createdDatabaseAcceptsATableAndIsGoneAfterDrop() throws SQLException {
        var database = TestDatabases.create();

        try (var connection = database.dataSource().getConnection(); var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE note (id bigint PRIMARY KEY, body text NOT NULL)");
            statement.execute("INSERT INTO note VALUES (1, 'hello')");
            try (var rows = statement.executeQuery("SELECT current_database(), body FROM note")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo(database.name());
                assertThat(rows.getString(2)).isEqualTo("hello");
            }
        }

        database.drop();

        assertThat(TestDatabases.exists(database.name())).isFalse();
    }

    @Test
    void databaseIsNamedAfterThisProcessAndDropsEvenWhileConnected() throws SQLException {
        var database = TestDatabases.create();
        assertThat(database.name()).matches("sc_test_" + ProcessHandle.current().pid() + "_[0-9a-f]{10}");

        try (var stillOpen = database.dataSource().getConnection()) {
            database.drop();

            assertThat(TestDatabases.exists(database.name())).isFalse();
        }
    }

    @Test
    void everyCreationIsAFreshDatabase() {
        try (var first = TestDatabases.create(); var second = TestDatabases.create()) {
            assertThat(first.name()).isNotEqualTo(second.name());
            assertThat(first.jdbcUrl()).endsWith("/" + first.name());
        }
    }

    @Test
    void abandonedDatabaseOfADeadProcessIsDroppedAndOursAreKept() throws Exception {
        var server = TestDatabases.server();
        var deadPid = pidOfAFinishedProcess();
        var abandoned = TestDatabases.NAME_PREFIX + deadPid + "_deadbeef00";
        server.execute("CREATE DATABASE " + abandoned);

        try (var ours = TestDatabases.create()) {
            var dropped = AbandonedTestDatabases.drop(server);

            assertThat(dropped).contains(abandoned).doesNotContain(ours.name());
            assertThat(TestDatabases.exists(abandoned)).isFalse();
            assertThat(TestDatabases.exists(ours.name())).isTrue();
        } finally {
            server.execute(TestDatabases.dropStatement(abandoned));
        }
    }

    @Test
    void abandonedDatabaseThatSomeoneIsStillConnectedToIsKept() throws Exception {
        var server = TestDatabases.server();
        var abandoned = TestDatabases.NAME_PREFIX + pidOfAFinishedProcess() + "_c0ffee0000";
        server.execute("CREATE DATABASE " + abandoned);
        var stillInUse = new TestDatabase(abandoned, server.jdbcUrl(abandoned), server.username(), server.password());

        try (var connection = stillInUse.dataSource().getConnection()) {
            assertThat(AbandonedTestDatabases.drop(server)).doesNotContain(abandoned);
            assertThat(TestDatabases.exists(abandoned)).isTrue();
        } finally {
            stillInUse.drop();
        }
    }

    @Test
    void serverThatDoesNotListenIsReportedAsNotAnswering() {
        var nobodyThere = PostgresServer.fromUrl("jdbc:postgresql://127.0.0.1:" + FreePorts.next() + "/", "postgres", "");

        assertThat(nobodyThere.answers()).isFalse();
    }

    @Test
    void withoutPostgresAndDockerTheFailureSaysHowToStartPostgres() {
        var nobodyThere = PostgresServer.fromUrl("jdbc:postgresql://127.0.0.1:1/", "postgres", "");

        assertThat(PostgresContainerFallback.howToStartPostgres(nobodyThere))
                .contains("jdbc:postgresql://127.0.0.1:1/", "pg_ctlcluster --skip-systemctl-redirect", "SC_TEST_PG_URL");
    }

    @Test
    void configuredUrlKeepsItsQueryForEveryDatabase() {
        var server = PostgresServer.fromUrl("jdbc:postgresql://db.example:6543/admin?sslmode=require", "ci", "secret");

        assertThat(server.adminDatabase()).isEqualTo("admin");
        assertThat(server.jdbcUrl("sc_test_1_ab")).isEqualTo("jdbc:postgresql://db.example:6543/sc_test_1_ab?sslmode=require");
    }

    private static long pidOfAFinishedProcess() throws Exception {
        var process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }

    @Test
    void urlOfAnotherShapeIsRejectedWithTheExpectedOne() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PostgresServer.fromUrl("postgresql://127.0.0.1/", "postgres", ""))
                .withMessageContaining(PostgresServer.DEFAULT_URL);
    }
}
