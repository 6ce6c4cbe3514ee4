package io.secureconnect.chat.mlswire;

/**
 * Bytes that are not a well-formed MLS structure: truncated, a length that does not fit, bytes left over, an unknown
 * wire format or a value the protocol does not allow. Callers answer it with {@code 400 INVALID_MLS_MESSAGE} (or
 * {@code INVALID_KEY_PACKAGE}); it never means the server failed.
 */
public final class MalformedMls extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedMls(String message) {
        super(message, null, false, false); // raised for every bad client blob: no stack trace to fill
    }
}
