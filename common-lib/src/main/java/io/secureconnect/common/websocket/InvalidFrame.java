package io.secureconnect.common.websocket;

/**
 * A frame whose members are missing or of the wrong shape; answered with an {@code error} frame of {@link #code()}
 * ({@code VALIDATION_FAILED} unless a protocol names a more precise one) and the socket stays open.
 */
public final class InvalidFrame extends RuntimeException {

    public static final String VALIDATION_FAILED = "VALIDATION_FAILED";

    private final String code;

    public InvalidFrame(String detail) {
        this(VALIDATION_FAILED, detail);
    }

    public InvalidFrame(String code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** {@code value}, or an {@code InvalidFrame} saying that {@code member} is required. */
    public static <T> T require(T value, String member) {
        if (value == null) {
            throw new InvalidFrame(member + " is required.");
        }
        return value;
    }
}
