package io.secureconnect.common.web.servlet;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import io.secureconnect.common.db.DatabaseUnavailable;
import io.secureconnect.common.requestid.RequestIdFilter;
import io.secureconnect.common.web.CommonErrorCode;
import io.secureconnect.common.web.Problems;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the servlet container's {@code /error} dispatch (errors raised outside Spring MVC: filters,
 * {@code sendError}, Tomcat rejecting a request) with problem+json instead of Boot's whitelabel map, so no error
 * path ever leaks a stack trace or answers in another format.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping(path = "/error", produces = {MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE, "*/*"})
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = statusAttribute instanceof Integer code ? code : 500;
        if (status < 400) {
            status = 500;
        }
        String detail = null;
        if (causedBy(request.getAttribute(RequestDispatcher.ERROR_EXCEPTION), AuthenticationServiceException.class)) {
            // the signing keys could not be fetched: our fault, and passing, so 503 rather than 401 or 500
            status = 503;
            detail = "Access tokens cannot be verified right now.";
        }
        boolean databaseUnavailable = DatabaseUnavailable.causedBy(
                request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable e ? e : null);
        if (databaseUnavailable) {
            // a filter that needed the database: the same 503 as from a controller (MvcProblemHandler)
            status = 503;
            detail = "The database is unavailable; try again shortly.";
        }
        CommonErrorCode code = CommonErrorCode.forStatus(status);
        if (detail == null) {
            detail = status >= 500 ? "An unexpected error occurred." : code.title() + ".";
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        ProblemDetail problem = Problems.of(org.springframework.http.HttpStatusCode.valueOf(status), code,
                detail,
                uri != null ? uri.toString() : null, RequestIdFilter.currentRequestId(request));
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (databaseUnavailable) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(DatabaseUnavailable.retryAfterSeconds()));
        }
        return response.body(problem);
    }

    private static boolean causedBy(Object error, Class<? extends Throwable> type) {
        for (Throwable t = error instanceof Throwable e ? e : null; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
