package io.secureconnect.gateway.tracing;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;

import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * The trace of a request through the gateway, for its access log. The trace itself is Micrometer Tracing's (common-lib
 * {@code tracing}): Spring's HTTP handler continues the client's W3C {@code traceparent} or starts a trace with the
 * gateway's server span, Spring Cloud Gateway's client observation adds a child span for the call to the service and
 * sends that span as the service's {@code traceparent} (replacing the client's {@code traceparent} and
 * {@code tracestate}, so a {@code tracestate} only travels with the trace it belongs to). Nothing here runs per
 * request beyond reading the ids when the access log asks; the name is the one the access log already uses.
 */
public final class TraceparentWebFilter {

    private TraceparentWebFilter() {
    }

    /** The trace id of this request, or null when the request is not traced (management endpoints). */
    public static String traceId(ServerWebExchange exchange) {
        Span span = serverSpan(exchange);
        return span == null ? null : span.context().traceId();
    }

    /** The gateway's server span id of this request, or null when the request is not traced. */
    public static String spanId(ServerWebExchange exchange) {
        Span span = serverSpan(exchange);
        return span == null ? null : span.context().spanId();
    }

    private static Span serverSpan(ServerWebExchange exchange) {
        Object context = exchange.getAttribute(ServerRequestObservationContext.CURRENT_OBSERVATION_CONTEXT_ATTRIBUTE);
        if (context instanceof Observation.Context observation) {
            TracingContext tracing = observation.get(TracingContext.class);
            return tracing == null ? null : tracing.getSpan();
        }
        return null;
    }
}
