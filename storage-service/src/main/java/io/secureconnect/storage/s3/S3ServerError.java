package io.secureconnect.storage.s3;

/**
 * An S3 answer that says S3 itself is unwell (5xx) or refuses our credentials, as opposed to an answer about our request (a 4xx such as
 * NoSuchKey). Only these and client-side failures count against the circuit breaker.
 */
public final class S3ServerError extends RuntimeException {

    S3ServerError(Throwable cause) {
        super(cause.getMessage(), cause);
    }
}
