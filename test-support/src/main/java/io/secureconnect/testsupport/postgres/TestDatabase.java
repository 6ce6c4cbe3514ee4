package io.secureconnect.testsupport.postgres;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database that exists only for one test class (see {@link TestDatabases#create()}). Closing it drops it, so it
 * works in try-with-resources and as a JUnit store value.
 */
public record TestDatabase(String name, String jdbcUrl, String username, String password) implements AutoCloseable {

    /** A plain, non-pooled data source: every {@code getConnection()} opens a new connection. */
    public DataSource dataSource() {
        var dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl);
        dataSource.setUser(username);
        dataSource.setPassword(password);
        return dataSource;
    }

    /** Drops the database, disconnecting whoever is still connected; dropping twice is harmless. */
    public void drop() {
        TestDatabases.drop(this);
    }

    @Override
    public void close() {
        drop();
    }

    @Override
    public String toString() {
        return "TestDatabase[" + name + " at " + jdbcUrl + "]";
    }
}
