package io.secureconnect.common.web.reactive;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import io.secureconnect.common.requestid.RequestIdWebFilter;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;
import io.secureconnect.common.web.ErrorCode;
import io.secureconnect.common.web.Problems;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WebFlux side of our error contract: every error leaving a reactive app (the gateway) is problem+json with
 * {@code code} and {@code requestId}. A downstream that refuses connections answers 503, one that is too slow 504,
 * and anything unexpected a 500 without internals.
 */
public class WebFluxProblemHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(WebFluxProblemHandler.class);

    private final JsonMapper json;

    public WebFluxProblemHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(ex);
        }
        ProblemDetail problem = toProblem(exchange, ex);
        if (ex instanceof ApiException api) {
            api.retryAfterSeconds().ifPresent(seconds -> response.getHeaders().set("Retry-After", Long.toString(seconds)));
        }
        byte[] body = json.writeValueAsBytes(Problems.toMap(problem));
        response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setContentLength(body.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private ProblemDetail toProblem(ServerWebExchange exchange, Throwable ex) {
        String path = exchange.getRequest().getPath().value();
        String requestId = RequestIdWebFilter.currentRequestId(exchange);
        if (ex instanceof ApiException api) {
            ProblemDetail problem = Problems.of(api.code(), api.getMessage(), path, requestId);
            api.properties().forEach(problem::setProperty);
            return problem;
        }
        if (causedBy(ex, DataBufferLimitException.class)) {
            return Problems.of(CommonErrorCode.PAYLOAD_TOO_LARGE, "The request body is too large.", path, requestId);
        }
        if (ex instanceof ResponseStatusException status) {
            ErrorCode code = CommonErrorCode.forStatus(status.getStatusCode().value());
            // framework reasons may echo the path or parser internals: a fixed sentence per code instead
            return Problems.of(status.getStatusCode(), code, code.title() + ".", path, requestId);
        }
        if (causedBy(ex, AuthenticationServiceException.class)) {
            // the signing keys could not be fetched: our fault, and passing, so 503 rather than 401 or 500
            return Problems.of(CommonErrorCode.SERVICE_UNAVAILABLE, "Access tokens cannot be verified right now.",
                    path, requestId);
        }
        if (causedBy(ex, ConnectException.class)) {
            return Problems.of(CommonErrorCode.SERVICE_UNAVAILABLE, "The service is unavailable, try again shortly.",
                    path, requestId);
        }
        if (causedBy(ex, TimeoutException.class)) {
            return Problems.of(CommonErrorCode.GATEWAY_TIMEOUT, "The service did not answer in time.", path, requestId);
        }
        log.error("Unhandled exception on {} {}", exchange.getRequest().getMethod(), path, ex);
        return Problems.of(CommonErrorCode.INTERNAL_ERROR, "An unexpected error occurred.", path, requestId);
    }

    private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
