package io.secureconnect.auth;

import io.secureconnect.common.web.ErrorCode;
import io.secureconnect.common.web.ProblemType;

import org.springframework.http.HttpStatus;

/** The error codes auth-service answers with, beyond the common ones. */
public enum AuthErrorCode implements ErrorCode {
    AUTH_INVALID_CREDENTIALS(HttpStatus.UNAUTHORIZED, "Invalid credentials"),
    AUTH_INVALID_REFRESH_TOKEN(HttpStatus.UNAUTHORIZED, "Invalid refresh token"),
    AUTH_INVALID_TOKEN(HttpStatus.BAD_REQUEST, "Invalid or expired link"),
    AUTH_EMAIL_TAKEN(HttpStatus.CONFLICT, "Email already registered"),
    AUTH_WEAK_PASSWORD(HttpStatus.BAD_REQUEST, "Password too weak"),
    AUTH_LOCKED(HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins"),
    AUTH_BUSY(HttpStatus.SERVICE_UNAVAILABLE, "Too many logins at once");

    private final ProblemType type;

    AuthErrorCode(HttpStatus status, String title) {
        this.type = new ProblemType(status, title);
    }

    @Override
    public ProblemType type() {
        return type;
    }
}
