package io.secureconnect.common.web.servlet;


import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;

import io.secureconnect.common.db.DatabaseUnavailable;
import io.secureconnect.common.db.RefusedValue;
import io.secureconnect.common.requestid.RequestIdFilter;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;
import io.secureconnect.common.web.ErrorCode;
import io.secureconnect.common.web.Problems;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.server.ContentTooLargeException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every exception that reaches Spring MVC into a problem+json body with {@code code} and {@code requestId}.
 * Framework errors (bad JSON, wrong media type, unknown route, …) keep Spring's status; our {@link ApiException}
 * carries its own code; a database that cannot answer is a 503 with {@code Retry-After} ({@link DatabaseUnavailable});
 * anything unexpected becomes a 500 whose body says nothing about the cause.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 100)
public class MvcProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(MvcProblemHandler.class);

    private final AccessDenials denials;

    public MvcProblemHandler(AccessDenials denials) {
        this.denials = denials;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> handleApiException(ApiException ex, HttpServletRequest request) {
        ProblemDetail problem = problem(ex.code(), ex.getMessage(), request);
        ex.properties().forEach(problem::setProperty);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(ex.code().status());
        ex.retryAfterSeconds().ifPresent(seconds -> response.header("Retry-After", Long.toString(seconds)));
        return response.body(problem);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> handleConstraintViolation(ConstraintViolationException ex, HttpServletRequest request) {
        ProblemDetail problem = problem(CommonErrorCode.VALIDATION_FAILED, "The request has invalid values.", request);
        problem.setProperty("errors", ex.getConstraintViolations().stream()
                .map(v -> Map.of("field", String.valueOf(v.getPropertyPath()), "message", v.getMessage()))
                .toList());
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> handleAccessDenied(AccessDeniedException ex, HttpServletRequest request) {
        denials.denied(request);
        return ResponseEntity.status(403)
                .body(problem(CommonErrorCode.FORBIDDEN, "You are not allowed to do this.", request));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception ex, HttpServletRequest request) {
        if (RefusedValue.causedBy(ex)) {
            // e.g. a NUL character in a text field: the database refuses it whatever the service did
            return ResponseEntity.badRequest().body(problem(CommonErrorCode.VALIDATION_FAILED,
                    "A value in the request cannot be stored (a control character, or a number, date or text out of range).",
                    request));
        }
        if (DatabaseUnavailable.causedBy(ex)) {
            // stopped, restarting or unreachable: passing, and the pool's connection timeout bounds how long we waited
            log.warn("Database unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), ex.getMessage());
            return ResponseEntity.status(CommonErrorCode.SERVICE_UNAVAILABLE.status())
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(DatabaseUnavailable.retryAfterSeconds()))
                    .body(problem(CommonErrorCode.SERVICE_UNAVAILABLE,
                            "The database is unavailable; try again shortly.", request));
        }
        if (ex instanceof InvalidParameterException) {
            // a body sent as a form that is not one (binary, not the declared charset): Tomcat cannot read its
            // parameters, whoever asks for them first
            return ResponseEntity.badRequest().body(problem(CommonErrorCode.MALFORMED_REQUEST,
                    "The request's form parameters cannot be read.", request));
        }
        log.error("Unhandled exception on {} {}", request.getMethod(), request.getRequestURI(), ex);
        return ResponseEntity.internalServerError()
                .body(problem(CommonErrorCode.INTERNAL_ERROR, "An unexpected error occurred.", request));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (causedBy(ex, ContentTooLargeException.class)) {
            return handleExceptionInternal(ex, ProblemDetail.forStatusAndDetail(CommonErrorCode.PAYLOAD_TOO_LARGE.status(),
                    "The request body is too large."), headers, CommonErrorCode.PAYLOAD_TOO_LARGE.status(), request);
        }
        // Parser messages echo the input and internals: answer with a fixed sentence instead.
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status,
                "The request body is missing, is not valid JSON, or has a value of the wrong type.");
        return handleExceptionInternal(ex, body, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, "The request has invalid fields.");
        body.setProperty("errors", ex.getBindingResult().getFieldErrors().stream().map(MvcProblemHandler::fieldError).toList());
        return handleExceptionInternal(ex, body, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, "The request has invalid values.");
        body.setProperty("errors", ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> Map.of("field", result.getMethodParameter().getParameterName() == null ? ""
                                        : result.getMethodParameter().getParameterName(),
                                "message", String.valueOf(error.getDefaultMessage()))))
                .toList());
        return handleExceptionInternal(ex, body, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> entity = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (entity != null && entity.getBody() instanceof ProblemDetail problem) {
            HttpServletRequest servletRequest = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
            ErrorCode code = ex instanceof MethodArgumentNotValidException || ex instanceof HandlerMethodValidationException
                    ? CommonErrorCode.VALIDATION_FAILED
                    : CommonErrorCode.forStatus(entity.getStatusCode().value());
            Problems.decorate(problem, code, servletRequest.getRequestURI(),
                    RequestIdFilter.currentRequestId(servletRequest));
        }
        return entity;
    }

    private static ProblemDetail problem(ErrorCode code, String detail, HttpServletRequest request) {
        return Problems.of(code, detail, request.getRequestURI(), RequestIdFilter.currentRequestId(request));
    }

    private static Map<String, String> fieldError(FieldError error) {
        return Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage()));
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
