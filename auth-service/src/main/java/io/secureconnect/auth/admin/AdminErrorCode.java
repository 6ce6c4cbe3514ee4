package io.secureconnect.auth.admin;

import io.secureconnect.common.web.ErrorCode;

import org.springframework.http.HttpStatus;

/** Errors of the admin features, as users and admins see them. */
enum AdminErrorCode implements ErrorCode {
    AUTH_ACCOUNT_BANNED(HttpStatus.FORBIDDEN, "Account banned"),
    ADMIN_CANNOT_BAN_SELF(HttpStatus.CONFLICT, "Cannot ban yourself");

    private final HttpStatus status;
    private final String title;

    AdminErrorCode(HttpStatus status, String title) {
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
