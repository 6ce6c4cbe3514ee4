package io.secureconnect.common.db;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Tells a database that cannot answer right now (stopped, restarting, unreachable, out of connections, too slow)
 * from every other failure, so that REST answers {@code 503 SERVICE_UNAVAILABLE} with {@code Retry-After} and a
 * socket frame gets {@code error SERVICE_UNAVAILABLE} with {@code retryAfterMs} — the same classification on both
 * paths. The request did nothing the client could be blamed for and the same request can succeed later, unlike a
 * {@link RefusedValue}. Matches Spring's exception types by name, so it needs neither spring-jdbc nor spring-tx on
 * the classpath (the gateway has neither).
 */
public final class DatabaseUnavailable {

    /**
     * Spring's translations of a database that is away: no connection from the pool (CannotGetJdbcConnectionException
     * is one of these), a connection lost mid-statement, a statement cancelled by its timeout, no connection for a
     * transaction. Subclasses count too.
     */
    private static final Set<String> SPRING_TYPES = Set.of(
            "org.springframework.dao.DataAccessResourceFailureException",
            "org.springframework.dao.TransientDataAccessResourceException",
            "org.springframework.dao.QueryTimeoutException",
            "org.springframework.transaction.CannotCreateTransactionException");

    /** SQLSTATE 08: connection exception (refused, lost, broken while sending). */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";
    /** SQLSTATE 53: insufficient resources (too many connections, out of memory or disk). */
    private static final String INSUFFICIENT_RESOURCES_CLASS = "53";
    /** 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up), 57P05 idle session
     * timeout, 57014 statement cancelled (statement_timeout or our query timeout). */
    private static final Set<String> OPERATOR_INTERVENTION = Set.of("57P01", "57P02", "57P03", "57P05", "57014");

    private DatabaseUnavailable() {
    }

    /** Whether {@code failure} or one of its causes is a database that cannot answer right now. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (isSpringUnavailable(t) || isUnavailable(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * Seconds a client should wait before trying again: 1 to 3, spread so that the clients of one outage do not all
     * come back in the same second. A pool recovers within a second or two of the database's return.
     */
    public static long retryAfterSeconds() {
        return 1 + ThreadLocalRandom.current().nextLong(3);
    }

    private static boolean isUnavailable(Throwable t) {
        if (t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException
                || t instanceof SQLTimeoutException) {
            return true;
        }
        if (t instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            return state.startsWith(CONNECTION_EXCEPTION_CLASS) || state.startsWith(INSUFFICIENT_RESOURCES_CLASS)
                    || OPERATOR_INTERVENTION.contains(state);
        }
        return false;
    }

    private static boolean isSpringUnavailable(Throwable t) {
        for (Class<?> type = t.getClass(); type != null && type != Throwable.class; type = type.getSuperclass()) {
            if (SPRING_TYPES.contains(type.getName())) {
                return true;
            }
        }
        return false;
    }
}
