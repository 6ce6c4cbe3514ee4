package io.secureconnect.common.security.reactive;

import io.secureconnect.common.security.MfaEnrolment;

import org.springframework.security.authorization.AuthenticatedReactiveAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.authorization.AuthorizationContext;

import reactor.core.publisher.Mono;

/**
 * The gateway's edge check of every non-public request: authenticated, and a token {@link MfaEnrolment limited to
 * enrolling a second factor} only where that is allowed ({@link ReactiveProblemSecurityHandlers} names the refusal).
 */
class EnrolmentAwareReactiveAuthorization implements ReactiveAuthorizationManager<AuthorizationContext> {

    private final AuthenticatedReactiveAuthorizationManager<AuthorizationContext> authenticated =
            AuthenticatedReactiveAuthorizationManager.authenticated();

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        return authenticated.authorize(authentication, context).flatMap(result -> {
            if (!result.isGranted()) {
                return Mono.just(result);
            }
            return authentication.map(caller -> {
                if (caller instanceof JwtAuthenticationToken jwt && MfaEnrolment.restricted(jwt.getToken())) {
                    var request = context.getExchange().getRequest();
                    return (AuthorizationResult) new AuthorizationDecision(
                            MfaEnrolment.allows(request.getMethod().name(), request.getPath().pathWithinApplication().value()));
                }
                return result;
            });
        });
    }
}
