package io.secureconnect.testsupport.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresExtensionIntegrationTest {

    private static TestDatabase databaseOfThisClass;

    @BeforeAll
    static void createSchema(TestDatabase database) throws SQLException {
        databaseOfThisClass = database;
        try (var connection = database.dataSource().getConnection(); var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE visit (n int)");
        }
    }

    @Test
    @Order(1)
    void testMethodsGetTheDatabaseOfTheClass(TestDatabase database) throws SQLException {
        assertThat(database).isEqualTo(databaseOfThisClass);
        assertThat(TestDatabases.exists(database.name())).isTrue();
        insertVisit(database);
    }

    @Test
    @Order(2)
    void rowsOfEarlierTestsOfTheClassAreStillThere(TestDatabase database) throws SQLException {
        insertVisit(database);

        assertThat(visits(database)).isEqualTo(2);
    }

    @Nested
    class NestedTests {

        @Test
        void shareTheDatabaseOfTheEnclosingClass(TestDatabase database) {
            assertThat(database).isEqualTo(databaseOfThisClass);
        }
    }

    private static void insertVisit(TestDatabase database) throws SQLException {
        try (var connection = database.dataSource().getConnection(); var statement = connection.createStatement()) {
            statement.execute("INSERT INTO visit VALUES (1)");
        }
    }

    private static int visits(TestDatabase database) throws SQLException {
        try (var connection = database.dataSource().getConnection(); var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT count(*) FROM visit")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
