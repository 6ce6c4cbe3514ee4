package io.secureconnect.gateway.accesslog;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import net.logstash.logback.argument.StructuredArguments;

import io.secureconnect.common.metrics.HttpMetrics;
import io.secureconnect.common.requestid.RequestIdWebFilter;
import io.secureconnect.common.web.reactive.WebFluxProblemHandler;
import io.secureconnect.gateway.edge.InternalHeadersFilter;
import io.secureconnect.gateway.tracing.TraceparentWebFilter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * One JSON line per request on the {@code ACCESS} logger (same appenders and encoder as every other log line of the
 * service, so it reaches stdout and the service's log file): {@code method, route, path, status, duration_ms,
 * request_id, user_id, client_ip, trace_id}. Of the query, only the values of parameters that say how a page was
 * asked for ({@link #LOGGED_PARAMETERS}) are kept: search terms, email lookups and tokens are personal or secret and
 * are masked here (S17), and the encoder masks any token that might still slip through.
 */
@Component
class AccessLogWebFilter implements WebFilter, Ordered {

    static final String LOGGER = "ACCESS";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    /** Query parameters whose values are logged; every other value is written as {@code ****}. */
    static final Set<String> LOGGED_PARAMETERS = Set.of("limit", "cursor", "after", "before", "callId", "status",
            "sort", "service", "from", "to");

    private final WebFluxProblemHandler problems;

    AccessLogWebFilter(WebFluxProblemHandler problems) {
        this.problems = problems;
    }

    /**
     * Errors are written as problems here rather than after the filter chain, so this line (and the HTTP metrics
     * around it) see the status the client gets.
     */
    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long start = System.nanoTime();
        return chain.filter(exchange).onErrorResume(error -> problems.handle(exchange, error)).doFinally(signal -> {
            if (log.isInfoEnabled()) {
                log(exchange, (System.nanoTime() - start) / 1_000_000.0);
            }
        });
    }

    private static void log(ServerWebExchange exchange, double durationMillis) {
        var request = exchange.getRequest();
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        Object route = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        InetSocketAddress client = request.getRemoteAddress();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("method", request.getMethod().name());
        fields.put("route", route == null ? HttpMetrics.UNMATCHED : route.toString());
        fields.put("path", pathWithMaskedQuery(request.getURI().getRawPath(), request.getURI().getRawQuery()));
        fields.put("status", statusOf(exchange, status));
        fields.put("duration_ms", Math.round(durationMillis * 1000) / 1000.0);
        fields.put("request_id", RequestIdWebFilter.currentRequestId(exchange));
        fields.put("user_id", exchange.getAttribute(InternalHeadersFilter.USER_ATTRIBUTE));
        fields.put("client_ip", client == null ? null : client.getAddress().getHostAddress());
        fields.put("trace_id", TraceparentWebFilter.traceId(exchange));
        log.info("{} {} {} {} ms", fields.get("method"), fields.get("route"), fields.get("status"),
                fields.get("duration_ms"), StructuredArguments.entries(fields));
    }

    /** A WebSocket upgrade is switched protocols, whatever the (unused) response object says. */
    private static int statusOf(ServerWebExchange exchange, HttpStatusCode status) {
        boolean upgrade = "websocket".equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade());
        if (upgrade && (status == null || status.value() == 200)) {
            return 101;
        }
        return status == null ? 200 : status.value();
    }

    static String pathWithMaskedQuery(String path, String query) {
        if (query == null || query.isEmpty()) {
            return path;
        }
        return path + "?" + Arrays.stream(query.split("&", -1)).map(AccessLogWebFilter::maskedParameter)
                .collect(Collectors.joining("&"));
    }

    private static String maskedParameter(String parameter) {
        int equals = parameter.indexOf('=');
        if (equals < 0) {
            return parameter;
        }
        String name = parameter.substring(0, equals);
        return LOGGED_PARAMETERS.contains(name) ? parameter : name + "=****";
    }

    /** Outside everything but the request id, metrics and client address, so it sees the final status and time. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 3;
    }
}
