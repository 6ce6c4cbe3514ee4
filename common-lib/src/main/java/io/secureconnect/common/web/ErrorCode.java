package io.secureconnect.common.web;

import org.springframework.http.HttpStatus;

/**
 * A stable, machine-readable error: the {@code code} member of every problem+json body. Each service declares its
 * own enum of codes; clients switch on {@link #name()}, never on the human-readable detail. A constant holds its
 * {@link ProblemType}; status and title come from it.
 */
public interface ErrorCode {

    /** The UPPER_SNAKE code, e.g. {@code AUTH_INVALID_CREDENTIALS}. Enums get it for free. */
    String name();

    ProblemType type();

    default HttpStatus status() {
        return type().status();
    }

    /** A short, constant summary of the problem type (RFC 9457 {@code title}). */
    default String title() {
        return type().title();
    }
}
