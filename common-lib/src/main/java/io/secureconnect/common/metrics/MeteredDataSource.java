package io.secureconnect.common.metrics;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Times every statement a service runs ({@code db_query_duration_seconds{operation}}) and counts the failures
 * ({@code db_query_errors_total{operation}}). The operation is the SQL verb, which keeps the label set small.
 * A {@link DelegatingDataSource}, so Boot still finds the Hikari pool underneath for its own metrics and health.
 */
public class MeteredDataSource extends DelegatingDataSource {

    private static final Set<String> STATEMENT_FACTORIES = Set.of("createStatement", "prepareStatement", "prepareCall");

    private final MeterRegistry registry;

    public MeteredDataSource(DataSource target, MeterRegistry registry) {
        super(target);
        this.registry = registry;
        // the error series exist from the start, so alerts on their rate see 0 rather than no data
        for (String operation : new String[] {"select", "insert", "update", "delete", "with", "call", "batch", "other"}) {
            errors(operation);
        }
    }

    private Counter errors(String operation) {
        return Counter.builder("db.query.errors").description("Failed SQL statements")
                .tag("operation", operation).register(registry);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return meter(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return meter(super.getConnection(username, password));
    }

    private Connection meter(Connection connection) {
        return proxy(Connection.class, connection, (target, method, args) -> {
            Object result = invoke(target, method, args);
            if (STATEMENT_FACTORIES.contains(method.getName()) && result instanceof Statement statement) {
                String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
                return meterStatement(statement, sql);
            }
            return result;
        });
    }

    private Statement meterStatement(Statement statement, String preparedSql) {
        Class<?> type = statement instanceof java.sql.CallableStatement ? java.sql.CallableStatement.class
                : statement instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class : Statement.class;
        return (Statement) proxy(type, statement, (target, method, args) -> {
            if (!method.getName().startsWith("execute")) {
                return invoke(target, method, args);
            }
            String sql = preparedSql != null ? preparedSql
                    : args != null && args.length > 0 && args[0] instanceof String s ? s : null;
            String operation = operationOf(sql, method.getName());
            long start = System.nanoTime();
            try {
                return invoke(target, method, args);
            } catch (Throwable e) {
                errors(operation).increment();
                throw e;
            } finally {
                Timer.builder("db.query.duration").description("SQL statement latency")
                        .tag("operation", operation)
                        .publishPercentileHistogram()
                        .register(registry)
                        .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        });
    }

    static String operationOf(String sql, String method) {
        if (method.equals("executeBatch") || method.equals("executeLargeBatch")) {
            return "batch";
        }
        if (sql == null) {
            return "other";
        }
        String trimmed = sql.stripLeading();
        int end = 0;
        while (end < trimmed.length() && Character.isLetter(trimmed.charAt(end))) {
            end++;
        }
        String verb = trimmed.substring(0, end).toLowerCase(Locale.ROOT);
        return switch (verb) {
            case "select", "insert", "update", "delete", "with", "call" -> verb;
            default -> "other";
        };
    }

    private static Connection proxy(Class<Connection> type, Connection target, Interceptor interceptor) {
        return type.cast(proxyOf(type, target, interceptor));
    }

    private static Object proxy(Class<?> type, Statement target, Interceptor interceptor) {
        return proxyOf(type, target, interceptor);
    }

    private static Object proxyOf(Class<?> type, Object target, Interceptor interceptor) {
        InvocationHandler handler = (proxy, method, args) -> interceptor.intercept(target, method, args);
        return Proxy.newProxyInstance(MeteredDataSource.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @FunctionalInterface
    private interface Interceptor {
        Object intercept(Object target, Method method, Object[] args) throws Throwable;
    }
}
