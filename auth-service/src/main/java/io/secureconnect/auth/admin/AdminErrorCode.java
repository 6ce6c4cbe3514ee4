package io.secureconnect.auth.admin;

import io.secureconnect.common.web.ErrorCode;
import io.secureconnect.common.web.ProblemType;

import org.springframework.http.HttpStatus;

/** Errors of the admin features, as users and admins see them. */
enum AdminErrorCode implements ErrorCode {
    AUTH_ACCOUNT_BANNED(HttpStatus.FORBIDDEN, "Account banned"),
    ADMIN_CANNOT_BAN_SELF(HttpStatus.CONFLICT, "Cannot ban yourself"),
    ADMIN_MFA_REQUIRED(HttpStatus.FORBIDDEN, "Sign in with a second factor");

    private final ProblemType type;

    AdminErrorCode(HttpStatus status, String title) {
        this.type = new ProblemType(status, title);
    }

    @Override
    public ProblemType type() {
        return type;
    }
}
