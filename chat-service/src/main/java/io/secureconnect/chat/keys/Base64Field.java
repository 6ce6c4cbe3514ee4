package io.secureconnect.chat.keys;

import java.util.Base64;

import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

/** A request field that carries bytes as standard base64: decoded strictly, and a 400 (never a 500) when it is not. */
final class Base64Field {

    /** Standard base64, padded or not; the length bound is the caller's. */
    static final String PATTERN = "[A-Za-z0-9+/]*={0,2}";

    private Base64Field() {
    }

    static byte[] decode(String field, String value) {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new ApiException(CommonErrorCode.VALIDATION_FAILED, field + " is not base64.");
        }
    }

    static byte[] decode(String field, String value, int length) {
        byte[] bytes = decode(field, value);
        if (bytes.length != length) {
            throw new ApiException(CommonErrorCode.VALIDATION_FAILED, field + " must be " + length + " bytes.");
        }
        return bytes;
    }
}
