package io.secureconnect.common.tracing;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Continues the caller's W3C trace (the gateway sends {@code traceparent}) or starts one, and puts its ids in the
 * MDC, so every log line of the request carries the same {@code trace_id} as the gateway's access log.
 */
public class TraceContextFilter extends OncePerRequestFilter {

    public static final String TRACE_ID_MDC_KEY = "traceId";
    public static final String SPAN_ID_MDC_KEY = "spanId";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        TraceContext context = TraceContext.continueOrStart(request.getHeader(TraceContext.HEADER));
        MDC.put(TRACE_ID_MDC_KEY, context.traceId());
        MDC.put(SPAN_ID_MDC_KEY, context.spanId());
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(TRACE_ID_MDC_KEY);
            MDC.remove(SPAN_ID_MDC_KEY);
        }
    }
}
