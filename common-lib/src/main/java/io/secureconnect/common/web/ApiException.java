package io.secureconnect.common.web;

import java.util.Map;
import java.util.Optional;

/**
 * Thrown by service code to answer with a problem+json body. The detail is shown to the client, so it must not
 * carry secrets or internals; {@code properties} become extra members of the body (e.g. {@code service}).
 */
public class ApiException extends RuntimeException {

    public static final String RETRY_AFTER = "retryAfterSeconds";

    private final ErrorCode code;
    private final Map<String, Object> properties;

    public ApiException(ErrorCode code, String detail) {
        this(code, detail, Map.of());
    }

    public ApiException(ErrorCode code, String detail, Map<String, Object> properties) {
        super(detail, null, false, false);
        this.code = code;
        this.properties = Map.copyOf(properties);
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    /** When a client may try again, from the {@value #RETRY_AFTER} member; sent as the Retry-After header too. */
    public Optional<Long> retryAfterSeconds() {
        return properties.get(RETRY_AFTER) instanceof Number seconds
                ? Optional.of(seconds.longValue()) : Optional.empty();
    }
}
