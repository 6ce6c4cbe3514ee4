package io.secureconnect.common.websocket;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * {@code error}: a frame was refused or the socket is about to close. {@code code} is stable (the REST problem codes
 * and the socket ones of the protocol docs); {@code ref} names the client's frame (its {@code clientId} or
 * {@code ref}); {@code retryAfterMs} says when sending the same frame again can succeed.
 */
@JsonTypeName("error")
public record ErrorFrame(String code, String detail, String ref, Long retryAfterMs) implements ServerFrame {

    public static ErrorFrame of(String code, String detail) {
        return new ErrorFrame(code, detail, null, null);
    }

    public static ErrorFrame of(String code, String detail, String ref) {
        return new ErrorFrame(code, detail, ref, null);
    }
}
