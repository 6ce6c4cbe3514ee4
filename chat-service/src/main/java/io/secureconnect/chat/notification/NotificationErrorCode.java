package io.secureconnect.chat.notification;

import io.secureconnect.common.web.ErrorCode;

import org.springframework.http.HttpStatus;

/** The stable {@code code}s of the notification API. */
enum NotificationErrorCode implements ErrorCode {
    NOTIFICATION_NOT_FOUND(HttpStatus.NOT_FOUND, "Notification not found");

    private final HttpStatus status;
    private final String title;

    NotificationErrorCode(HttpStatus status, String title) {
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
