package io.secureconnect.chat.push;

import io.secureconnect.common.web.ErrorCode;
import io.secureconnect.common.web.ProblemType;

import org.springframework.http.HttpStatus;

/** The stable {@code code}s of the device API. */
enum PushErrorCode implements ErrorCode {
    DEVICE_NOT_FOUND(HttpStatus.NOT_FOUND, "Device not found"),
    WEBPUSH_NOT_CONFIGURED(HttpStatus.NOT_FOUND, "Web Push is not configured");

    private final ProblemType type;

    PushErrorCode(HttpStatus status, String title) {
        this.type = new ProblemType(status, title);
    }

    @Override
    public ProblemType type() {
        return type;
    }
}
