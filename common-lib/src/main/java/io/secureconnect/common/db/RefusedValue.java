package io.secureconnect.common.db;

import java.sql.SQLException;

/**
 * Tells a value that PostgreSQL refused as such from a database that failed: SQLSTATE class 22, "data exception"
 * (a NUL character in text, a number or a date out of range, a string longer than its column). The client's input is
 * at fault, so the answer is a 400 (or a validation error frame), not a 500 or "try again later" — retrying the same
 * value can never succeed. Checks only {@link SQLException}, so it needs no JDBC library on the classpath.
 */
public final class RefusedValue {

    private static final String DATA_EXCEPTION_CLASS = "22";

    private RefusedValue() {
    }

    /** Whether {@code failure} or one of its causes is PostgreSQL refusing a value. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith(DATA_EXCEPTION_CLASS)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
