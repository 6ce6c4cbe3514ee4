package io.secureconnect.common.config;

import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;

import io.micrometer.core.instrument.MeterRegistry;

import io.secureconnect.common.db.DatabaseCreator;
import io.secureconnect.common.db.ReconnectingDataSource;
import io.secureconnect.common.metrics.DataSourcePoolGauges;
import io.secureconnect.common.metrics.MeteredDataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Wraps each service's DataSource: creates the database if missing (before Flyway runs), lets the pool reconnect
 * within 100 ms of the database's return after an outage ({@link ReconnectingDataSource}), exports the pool gauges
 * and times every statement.
 */
@AutoConfiguration
@ConditionalOnClass({DataSource.class, HikariDataSource.class, MeteredDataSource.class})
public class MeteredDataSourceAutoConfiguration {

    private static final Duration RECONNECT_INTERVAL = Duration.ofMillis(100);
    /** Beyond it Hikari's own backoff applies again; its sleeps only grow past 1 s after about an hour of this. */
    private static final Duration RECONNECT_PATIENCE = Duration.ofMinutes(10);

    @Bean
    static BeanPostProcessor meteredDataSourcePostProcessor(ObjectProvider<MeterRegistry> registry, Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof DataSource dataSource) || bean instanceof MeteredDataSource) {
                    return bean;
                }
                if (bean instanceof HikariDataSource hikari
                        && environment.getProperty("secureconnect.datasource.create-if-missing", Boolean.class, true)) {
                    DatabaseCreator.createIfMissing(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword());
                }
                if (bean instanceof HikariDataSource hikari && hikari.getDataSource() == null && hikari.getJdbcUrl() != null
                        && environment.getProperty("secureconnect.datasource.reconnect", Boolean.class, true)) {
                    hikari.setDataSource(new ReconnectingDataSource(new DriverDataSource(hikari.getJdbcUrl(),
                            hikari.getDriverClassName(), hikari.getDataSourceProperties(), hikari.getUsername(),
                            hikari.getPassword()), RECONNECT_INTERVAL, RECONNECT_PATIENCE));
                }
                MeterRegistry meters = registry.getObject();
                DataSourcePoolGauges.register(dataSource, meters);
                return new MeteredDataSource(dataSource, meters);
            }
        };
    }
}
