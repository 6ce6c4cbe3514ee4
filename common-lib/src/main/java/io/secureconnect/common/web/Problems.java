package io.secureconnect.common.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds the RFC 9457 bodies of every error: {@code type, title, status, detail, instance} plus the stable
 * {@code code} and the {@code requestId} that ties the answer to our logs and audit trail.
 */
public final class Problems {

    public static final String CODE = "code";
    public static final String REQUEST_ID = "requestId";
    private static final String TYPE_PREFIX = "urn:secureconnect:problem:";

    private Problems() {
    }

    public static ProblemDetail of(ErrorCode code, String detail, String path, String requestId) {
        return of(code.status(), code, detail, path, requestId);
    }

    /** A problem whose status may differ from the code's default (e.g. a framework-decided 405 or 413). */
    public static ProblemDetail of(HttpStatusCode status, ErrorCode code, String detail, String path, String requestId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        decorate(problem, code, path, requestId);
        return problem;
    }

    /** Fills our members into a problem a framework already made, keeping its status and detail. */
    public static ProblemDetail decorate(ProblemDetail problem, ErrorCode code, String path, String requestId) {
        problem.setType(typeOf(code));
        problem.setTitle(code.title());
        if (path != null) {
            problem.setInstance(URI.create(safePath(path)));
        }
        problem.setProperty(CODE, code.name());
        problem.setProperty(REQUEST_ID, requestId);
        return problem;
    }

    public static URI typeOf(ErrorCode code) {
        return URI.create(TYPE_PREFIX + code.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /** The body as an ordered map, for writers that bypass Spring's message converters (filters, WebFlux). */
    public static Map<String, Object> toMap(ProblemDetail problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        if (problem.getDetail() != null) {
            body.put("detail", problem.getDetail());
        }
        if (problem.getInstance() != null) {
            body.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }

    /** Paths echo client input: keep only what is a valid URI path so a hostile path cannot break the body. */
    private static String safePath(String path) {
        StringBuilder safe = new StringBuilder(Math.min(path.length(), 256));
        for (int i = 0; i < path.length() && safe.length() < 256; i++) {
            char c = path.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "/-._~%!$&'()*+,;=:@".indexOf(c) >= 0;
            safe.append(allowed ? c : '_');
        }
        return safe.toString();
    }
}
