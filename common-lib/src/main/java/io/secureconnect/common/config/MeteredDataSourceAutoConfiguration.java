package io.secureconnect.common.config;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import io.micrometer.core.instrument.MeterRegistry;

import io.secureconnect.common.db.DatabaseCreator;
import io.secureconnect.common.metrics.DataSourcePoolGauges;
import io.secureconnect.common.metrics.MeteredDataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Wraps each service's DataSource: creates the database if missing (before Flyway runs), exports the pool gauges
 * and times every statement.
 */
@AutoConfiguration
@ConditionalOnClass({DataSource.class, HikariDataSource.class, MeteredDataSource.class})
public class MeteredDataSourceAutoConfiguration {

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
                MeterRegistry meters = registry.getObject();
                DataSourcePoolGauges.register(dataSource, meters);
                return new MeteredDataSource(dataSource, meters);
            }
        };
    }
}
