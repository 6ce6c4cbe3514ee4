package io.secureconnect.common.web;

import java.util.Objects;

import org.springframework.http.HttpStatus;

/** The HTTP status and constant RFC 9457 {@code title} that an {@link ErrorCode} answers with. */
public record ProblemType(HttpStatus status, String title) {

    public ProblemType {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(title, "title");
    }
}
