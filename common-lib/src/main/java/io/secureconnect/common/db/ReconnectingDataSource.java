package io.secureconnect.common.db;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * Opens the physical connections of a Hikari pool. Once the database has been reached, a connection it refuses
 * because it is away ({@link DatabaseUnavailable}) is tried again every {@code retryInterval} for up to
 * {@code patience} instead of failing at once. Why: Hikari opens connections on one thread that sleeps after each
 * failure, doubling the sleep up to 5 s, so after an outage of more than a few seconds the pool came back up to 5 s
 * after the database (issue 19 wants 2 s). Waiting here keeps that thread trying every 100 ms; requests meanwhile
 * still get their 503 after the pool's connection timeout. Before the first success nothing is retried, so a service
 * started without its database still fails at once.
 */
public final class ReconnectingDataSource implements DataSource {

    private final DataSource driver;
    private final long retryIntervalMillis;
    private final long patienceNanos;
    private volatile boolean reachedBefore;

    public ReconnectingDataSource(DataSource driver, Duration retryInterval, Duration patience) {
        this.driver = driver;
        this.retryIntervalMillis = retryInterval.toMillis();
        this.patienceNanos = patience.toNanos();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connect(null, null);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return connect(username, password);
    }

    private Connection connect(String username, String password) throws SQLException {
        long giveUp = System.nanoTime() + patienceNanos;
        while (true) {
            try {
                Connection connection = username == null ? driver.getConnection()
                        : driver.getConnection(username, password);
                reachedBefore = true;
                return connection;
            } catch (SQLException e) {
                if (!reachedBefore || !DatabaseUnavailable.causedBy(e) || System.nanoTime() > giveUp) {
                    throw e;
                }
                try {
                    Thread.sleep(retryIntervalMillis);
                } catch (InterruptedException interrupted) { // the pool is shutting down
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return driver.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        driver.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        driver.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return driver.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return driver.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : driver.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || driver.isWrapperFor(type);
    }
}
