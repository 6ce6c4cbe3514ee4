package io.secureconnect.auth.mfa;

import io.secureconnect.common.web.ErrorCode;
import io.secureconnect.common.web.ProblemType;

import org.springframework.http.HttpStatus;

/** The error codes of second factors (docs/identity.md). */
public enum MfaErrorCode implements ErrorCode {
    MFA_TOKEN_INVALID(HttpStatus.UNAUTHORIZED, "Unknown, used or expired MFA token"),
    MFA_CODE_INVALID(HttpStatus.UNAUTHORIZED, "Wrong code"),
    MFA_CODE_REPLAYED(HttpStatus.UNAUTHORIZED, "Code already used"),
    MFA_LOCKED(HttpStatus.TOO_MANY_REQUESTS, "Too many wrong codes"),
    MFA_ALREADY_ENABLED(HttpStatus.CONFLICT, "Two-step sign-in already on"),
    MFA_NOT_ENABLED(HttpStatus.CONFLICT, "Two-step sign-in not on"),
    MFA_NOT_STARTED(HttpStatus.CONFLICT, "No TOTP enrolment to confirm"),
    MFA_EMAIL_UNVERIFIED(HttpStatus.FORBIDDEN, "Verify the email address first");

    private final ProblemType type;

    MfaErrorCode(HttpStatus status, String title) {
        this.type = new ProblemType(status, title);
    }

    @Override
    public ProblemType type() {
        return type;
    }
}
