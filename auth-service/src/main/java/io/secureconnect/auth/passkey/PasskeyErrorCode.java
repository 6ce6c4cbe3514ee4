package io.secureconnect.auth.passkey;

import io.secureconnect.common.web.ErrorCode;
import io.secureconnect.common.web.ProblemType;

import org.springframework.http.HttpStatus;

/** The answers of the passkey routes beyond the common ones. */
enum PasskeyErrorCode implements ErrorCode {
    /** Not a WebAuthn credential we can read, an unknown credential id, an unknown or used registration. */
    PASSKEY_INVALID_REQUEST(HttpStatus.BAD_REQUEST, "Invalid passkey request"),
    /** The assertion did not prove the passkey (signature, challenge, origin, counter, user verification). */
    PASSKEY_INVALID(HttpStatus.UNAUTHORIZED, "Passkey not accepted"),
    /** Adding a passkey to an account whose email is not verified: it may be someone else's address. */
    PASSKEY_EMAIL_UNVERIFIED(HttpStatus.FORBIDDEN, "Email not verified"),
    /** Adding a passkey to an account without a password from a session opened too long ago. */
    PASSKEY_REAUTHENTICATE(HttpStatus.FORBIDDEN, "Sign in again");

    private final ProblemType type;

    PasskeyErrorCode(HttpStatus status, String title) {
        this.type = new ProblemType(status, title);
    }

    @Override
    public ProblemType type() {
        return type;
    }
}
