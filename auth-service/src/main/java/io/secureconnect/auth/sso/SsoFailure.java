package io.secureconnect.auth.sso;

/**
 * A refused step of a sign-in at a provider: the code the browser's error page shows and the reason the audit
 * event records (never a token or secret).
 */
final class SsoFailure extends RuntimeException {

    private final SsoErrorCode code;

    SsoFailure(SsoErrorCode code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    SsoErrorCode code() {
        return code;
    }

    String reason() {
        return getMessage();
    }
}
