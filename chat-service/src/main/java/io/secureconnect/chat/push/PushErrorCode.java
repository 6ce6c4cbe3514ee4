package io.secureconnect.chat.push;

import io.secureconnect.common.web.ErrorCode;

import org.springframework.http.HttpStatus;

/** The stable {@code code}s of the device API. */
enum PushErrorCode implements ErrorCode {
    DEVICE_NOT_FOUND(HttpStatus.NOT_FOUND, "Device not found"),
    WEBPUSH_NOT_CONFIGURED(HttpStatus.NOT_FOUND, "Web Push is not configured");

    private final HttpStatus status;
    private final String title;

    PushErrorCode(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public HttpStatus status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
