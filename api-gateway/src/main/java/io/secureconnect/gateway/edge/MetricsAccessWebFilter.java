package io.secureconnect.gateway.edge;

import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.requestid.RequestIdWebFilter;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * The gateway is the only service reachable from outside, so its {@code /metrics} (which would tell an attacker
 * about traffic, routes and errors) answers only to the operator networks; anyone else gets a 403 problem, audited.
 */
@Component
class MetricsAccessWebFilter implements WebFilter, Ordered {

    private final Networks allowed;
    private final AuditLogger audit;

    MetricsAccessWebFilter(EdgeProperties properties, AuditLogger audit) {
        this.allowed = Networks.of(properties.metricsAllowedNetworks());
        this.audit = audit;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.equals("/metrics") && !path.startsWith("/metrics/")) {
            return chain.filter(exchange);
        }
        var client = exchange.getRequest().getRemoteAddress();
        if (allowed.contains(client)) {
            return chain.filter(exchange);
        }
        audit.record(AuditEvent.of("metrics.read", AuditResult.DENIED)
                .resource("/metrics")
                .reason("client address outside the operator networks")
                .clientIp(client == null ? null : client.getAddress().getHostAddress())
                .requestId(RequestIdWebFilter.currentRequestId(exchange)));
        return Mono.error(new ApiException(CommonErrorCode.FORBIDDEN, "Metrics are only served to the operator network."));
    }

    /** After the client address is known, before security. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }
}
