package io.secureconnect.common.security;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;

import io.secureconnect.common.web.ErrorCode;
import io.secureconnect.common.web.ProblemType;

/**
 * Access tokens limited to enrolling a second factor (docs/identity.md, Policy): when policy requires a second factor
 * of an account that has none, its token carries {@code "mfa_enrolment": true} and is good only for reading one's
 * profile, the second-factor and passkey settings, and logging out. Every resource server (the gateway at the edge,
 * each service again) refuses it elsewhere with 403 {@code MFA_ENROLMENT_REQUIRED}.
 */
public final class MfaEnrolment {

    public static final String CLAIM = "mfa_enrolment";

    private MfaEnrolment() {
    }

    /** The refusal's code. */
    public enum Code implements ErrorCode {
        MFA_ENROLMENT_REQUIRED;

        private static final ProblemType TYPE = new ProblemType(HttpStatus.FORBIDDEN, "Second factor required");

        @Override
        public ProblemType type() {
            return TYPE;
        }
    }

    /** Whether the token is limited to enrolling a second factor. */
    public static boolean restricted(Jwt token) {
        return token != null && Boolean.TRUE.equals(token.getClaimAsBoolean(CLAIM));
    }

    /**
     * Whether a limited token may make this request: {@code GET /api/v1/users/me}, anything under
     * {@code /api/v1/users/me/mfa} and {@code /api/v1/users/me/passkeys}, and {@code /api/v1/auth/logout*}. The path
     * is the request's, already normalised by the firewall (no {@code ..}, {@code ;} or encoded slashes).
     */
    public static boolean allows(String method, String path) {
        if (path == null) {
            return false;
        }
        return ("GET".equals(method) && path.equals("/api/v1/users/me"))
                || within(path, "/api/v1/users/me/mfa")
                || within(path, "/api/v1/users/me/passkeys")
                || path.equals("/api/v1/auth/logout") || path.equals("/api/v1/auth/logout-all");
    }

    private static boolean within(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
