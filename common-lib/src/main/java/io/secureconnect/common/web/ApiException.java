package io.secureconnect.common.web;

import java.util.Map;

/**
 * Thrown by service code to answer with a problem+json body. The detail is shown to the client, so it must not
 * carry secrets or internals; {@code properties} become extra members of the body (e.g. {@code service}).
 */
public class ApiException extends RuntimeException {

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
}
