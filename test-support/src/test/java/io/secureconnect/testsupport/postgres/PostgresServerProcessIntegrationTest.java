package io.secureconnect.testsupport.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

class PostgresServerProcessIntegrationTest {

    @Test
    void keepsCommittedRowsAcrossAStopAndAStart() throws SQLException {
        try (var server = PostgresServerProcess.startOnFreePort()) {
            try (var connection = connect(server)) {
                connection.createStatement().execute("CREATE TABLE kept (id int); INSERT INTO kept VALUES (7)");
            }

            server.stop();
            assertThatThrownBy(() -> connect(server)).isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).asString().startsWith("08");
            server.start();

            try (var connection = connect(server);
                 var rows = connection.createStatement().executeQuery("SELECT id FROM kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(7);
            }
        }
    }

    private static Connection connect(PostgresServerProcess server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("postgres") + "?connectTimeout=2", "postgres", "");
    }
}
