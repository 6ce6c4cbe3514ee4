package io.secureconnect.testsupport.postgres;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a Spring Boot test class its own fresh PostgreSQL database: {@code spring.datasource.url},
 * {@code .username} and {@code .password} point at it, the {@link TestDatabase} is the bean {@code testDatabase},
 * and the database is dropped when the context closes. Each test class gets its own context (and database);
 * {@code @Nested} classes share their enclosing class's. Flyway migrations run against it as in production.
 *
 * @see PostgresContextCustomizerFactory
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface WithPostgres {
}
