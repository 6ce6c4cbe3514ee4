package io.secureconnect.common.security.servlet;

import java.util.function.Supplier;

import io.secureconnect.common.security.MfaEnrolment;

import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Every non-public request: an authenticated caller, whose token, if it is {@link MfaEnrolment limited to enrolling a
 * second factor}, is used only where that is allowed ({@link ProblemSecurityHandlers} names the refusal).
 */
class EnrolmentAwareAuthorization implements AuthorizationManager<RequestAuthorizationContext> {

    private final AuthenticatedAuthorizationManager<RequestAuthorizationContext> authenticated =
            AuthenticatedAuthorizationManager.authenticated();

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
                                         RequestAuthorizationContext context) {
        AuthorizationResult result = authenticated.authorize(authentication, context);
        if (result == null || !result.isGranted()) {
            return result;
        }
        if (authentication.get() instanceof JwtAuthenticationToken jwt && MfaEnrolment.restricted(jwt.getToken())) {
            var request = context.getRequest();
            String path = request.getRequestURI().substring(request.getContextPath().length());
            return new AuthorizationDecision(MfaEnrolment.allows(request.getMethod(), path));
        }
        return result;
    }
}
