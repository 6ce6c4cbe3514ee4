package io.secureconnect.common.metrics;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code db_connections_active} and {@code db_connections_idle}: what the DB-pool exhaustion alert watches. */
public final class DataSourcePoolGauges {

    private DataSourcePoolGauges() {
    }

    public static void register(DataSource dataSource, MeterRegistry registry) {
        HikariDataSource hikari = unwrap(dataSource);
        if (hikari == null) {
            return;
        }
        Gauge.builder("db.connections.active", hikari, h -> pool(h) == null ? 0 : pool(h).getActiveConnections())
                .description("Connections in use").register(registry);
        Gauge.builder("db.connections.idle", hikari, h -> pool(h) == null ? 0 : pool(h).getIdleConnections())
                .description("Connections idle in the pool").register(registry);
        Gauge.builder("db.connections.max", hikari, HikariDataSource::getMaximumPoolSize)
                .description("Pool size limit").register(registry);
    }

    private static HikariPoolMXBean pool(HikariDataSource dataSource) {
        return dataSource.getHikariPoolMXBean(); // null until the pool has started
    }

    private static HikariDataSource unwrap(DataSource dataSource) {
        try {
            return dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
        } catch (java.sql.SQLException e) {
            return null;
        }
    }
}
