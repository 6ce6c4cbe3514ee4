package io.secureconnect.common.security.reactive;

import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.requestid.RequestIdWebFilter;
import io.secureconnect.common.security.MfaEnrolment;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;
import io.secureconnect.common.web.reactive.WebFluxProblemHandler;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/** The reactive twin of the servlet handlers: audited 401/403 as problem+json, written by {@link WebFluxProblemHandler}. */
public class ReactiveProblemSecurityHandlers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private final WebFluxProblemHandler problems;
    private final AuditLogger audit;

    public ReactiveProblemSecurityHandlers(WebFluxProblemHandler problems, AuditLogger audit) {
        this.problems = problems;
        this.audit = audit;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        auditDenied(exchange, "unauthenticated: " + failure.getClass().getSimpleName());
        exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
        return problems.handle(exchange,
                new ApiException(CommonErrorCode.UNAUTHENTICATED, "A valid access token is required."));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return exchange.getPrincipal()
                .filter(caller -> caller instanceof JwtAuthenticationToken jwt && MfaEnrolment.restricted(jwt.getToken()))
                .map(limited -> {
                    auditDenied(exchange, "token limited to enrolling a second factor");
                    return new ApiException(MfaEnrolment.Code.MFA_ENROLMENT_REQUIRED, "Set up two-step sign-in first.");
                })
                .switchIfEmpty(Mono.fromSupplier(() -> {
                    auditDenied(exchange, "forbidden");
                    return new ApiException(CommonErrorCode.FORBIDDEN, "You are not allowed to do this.");
                }))
                .flatMap(refusal -> problems.handle(exchange, refusal));
    }

    private void auditDenied(ServerWebExchange exchange, String reason) {
        var request = exchange.getRequest();
        var remote = request.getRemoteAddress();
        audit.record(AuditEvent.of("http.access", AuditResult.DENIED)
                .resource(request.getMethod().name() + " " + request.getPath().value())
                .reason(reason)
                .clientIp(remote == null ? null : remote.getAddress().getHostAddress())
                .requestId(RequestIdWebFilter.currentRequestId(exchange)));
    }
}
