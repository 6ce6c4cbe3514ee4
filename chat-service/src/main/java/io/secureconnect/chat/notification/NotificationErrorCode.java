package io.secureconnect.chat.notification;

import io.secureconnect.common.web.ErrorCode;
import io.secureconnect.common.web.ProblemType;

import org.springframework.http.HttpStatus;

/** The stable {@code code}s of the notification API. */
enum NotificationErrorCode implements ErrorCode {
    NOTIFICATION_NOT_FOUND(HttpStatus.NOT_FOUND, "Notification not found");

    private final ProblemType type;

    NotificationErrorCode(HttpStatus status, String title) {
        this.type = new ProblemType(status, title);
    }

    @Override
    public ProblemType type() {
        return type;
    }
}
