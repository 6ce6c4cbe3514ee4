package io.secureconnect.common.security.servlet;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.security.MfaEnrolment;
import io.secureconnect.common.web.CommonErrorCode;
import io.secureconnect.common.web.servlet.ProblemResponses;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Spring Security's 401 and 403 as problem+json, each one audited (ARCHITECTURE §4: every permission denial).
 * The body never says why a token was refused beyond "missing or invalid", to give an attacker nothing to tune.
 */
public class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemSecurityHandlers.class);

    private final ProblemResponses problems;
    private final AuditLogger audit;

    public ProblemSecurityHandlers(ProblemResponses problems, AuditLogger audit) {
        this.problems = problems;
        this.audit = audit;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (failure instanceof AuthenticationServiceException) {
            // the signing keys could not be fetched: our fault, and passing, so 503 rather than 401 or 500
            log.warn("Cannot verify access tokens: {}", failure.getMessage());
            problems.write(request, response, CommonErrorCode.SERVICE_UNAVAILABLE, "Access tokens cannot be verified right now.");
            return;
        }
        audit.denied("http.access", resource(request), "unauthenticated: " + failure.getClass().getSimpleName());
        response.setHeader("WWW-Authenticate", "Bearer");
        problems.write(request, response, CommonErrorCode.UNAUTHENTICATED, "A valid access token is required.");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken jwt
                && MfaEnrolment.restricted(jwt.getToken())) {
            audit.denied("http.access", resource(request), "token limited to enrolling a second factor");
            problems.write(request, response, MfaEnrolment.Code.MFA_ENROLMENT_REQUIRED,
                    "Set up two-step sign-in first.");
            return;
        }
        audit.denied("http.access", resource(request), "forbidden");
        problems.write(request, response, CommonErrorCode.FORBIDDEN, "You are not allowed to do this.");
    }

    private static String resource(HttpServletRequest request) {
        return request.getMethod() + " " + request.getRequestURI();
    }
}
