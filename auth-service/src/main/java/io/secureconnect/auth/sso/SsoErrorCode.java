package io.secureconnect.auth.sso;

import io.secureconnect.common.web.ErrorCode;
import io.secureconnect.common.web.ProblemType;

import org.springframework.http.HttpStatus;

/** The refusals of single sign-on; the callback's ones reach the browser as {@code /sso/error?code=…}. */
enum SsoErrorCode implements ErrorCode {
    SSO_STATE_INVALID(HttpStatus.BAD_REQUEST, "Sign-in state invalid"),
    SSO_TOKEN_INVALID(HttpStatus.UNAUTHORIZED, "ID token invalid"),
    SSO_EMAIL_UNVERIFIED(HttpStatus.FORBIDDEN, "Email not verified by the provider"),
    SSO_PROVIDER_ERROR(HttpStatus.BAD_GATEWAY, "The identity provider refused"),
    SSO_PROVIDER_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "The identity provider cannot be reached"),
    SSO_UNKNOWN_PROVIDER(HttpStatus.NOT_FOUND, "No such sign-in provider"),
    SSO_TICKET_INVALID(HttpStatus.BAD_REQUEST, "Sign-in ticket invalid or expired"),
    SSO_IDENTITY_TAKEN(HttpStatus.CONFLICT, "Provider account linked to another account"),
    SSO_LAST_SIGN_IN_METHOD(HttpStatus.CONFLICT, "Last way to sign in"),
    SSO_SIGN_IN_FIRST(HttpStatus.CONFLICT, "Sign in with the second factor first"),
    AUTH_SSO_REQUIRED(HttpStatus.FORBIDDEN, "Single sign-on required"),
    AUTH_SSO_SESSION_ENDED(HttpStatus.UNAUTHORIZED, "Session ended by the identity provider");

    private final ProblemType type;

    SsoErrorCode(HttpStatus status, String title) {
        this.type = new ProblemType(status, title);
    }

    @Override
    public ProblemType type() {
        return type;
    }
}
