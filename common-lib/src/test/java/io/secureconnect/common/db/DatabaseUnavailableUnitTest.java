package io.secureconnect.common.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;

class DatabaseUnavailableUnitTest {

    @Test
    void anEmptyPoolIsUnavailable() {
        var timedOut = new SQLTransientConnectionException("HikariPool-1 - Connection is not available", "08001");
        assertThat(DatabaseUnavailable.causedBy(new CannotGetJdbcConnectionException("no connection", timedOut))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new CannotCreateTransactionException("no connection", timedOut))).isTrue();
    }

    @Test
    void aConnectionLostOrAServerShuttingDownIsUnavailable() {
        assertThat(DatabaseUnavailable.causedBy(uncategorized("08006"))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(uncategorized("57P01"))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(uncategorized("57P03"))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(uncategorized("53300"))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new TransientDataAccessResourceException("lost"))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new QueryTimeoutException("cancelled"))).isTrue();
    }

    @Test
    void aRefusedValueOrABrokenStatementIsNot() {
        assertThat(DatabaseUnavailable.causedBy(uncategorized("22021"))).isFalse();
        assertThat(DatabaseUnavailable.causedBy(uncategorized("42703"))).isFalse();
        assertThat(DatabaseUnavailable.causedBy(new DataIntegrityViolationException("duplicate"))).isFalse();
        assertThat(DatabaseUnavailable.causedBy(new IllegalStateException("bug"))).isFalse();
        assertThat(DatabaseUnavailable.causedBy(null)).isFalse();
    }

    @Test
    void retryAfterIsOneToThreeSeconds() {
        for (int i = 0; i < 100; i++) {
            assertThat(DatabaseUnavailable.retryAfterSeconds()).isBetween(1L, 3L);
        }
    }

    private static UncategorizedSQLException uncategorized(String sqlState) {
        return new UncategorizedSQLException("task", "SELECT 1", new SQLException("failed", sqlState));
    }
}
