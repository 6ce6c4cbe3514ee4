package io.secureconnect.common.metrics;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/** Servlet side of {@link HttpMetrics}: the route is the pattern Spring MVC matched, read after the request ran. */
public class HttpMetricsFilter extends OncePerRequestFilter {

    private final HttpMetrics metrics;

    public HttpMetricsFilter(HttpMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        metrics.started();
        int status = 500;
        try {
            chain.doFilter(request, response);
            status = response.getStatus();
        } finally {
            Object route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
            metrics.finished(request.getMethod(), route == null ? null : route.toString(), status,
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
