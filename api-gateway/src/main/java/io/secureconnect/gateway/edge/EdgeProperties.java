package io.secureconnect.gateway.edge;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who the gateway believes, and who may see what.
 *
 * @param trustedProxies        peers (CIDR) whose {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are believed,
 *                              e.g. the load balancer in front; from anyone else those headers are dropped
 * @param metricsAllowedNetworks networks (CIDR) that may read the gateway's {@code /metrics}: the operator network
 * @param corsAllowedOrigins    browser origins of the web client allowed to call the API
 * @param hstsMaxAge            {@code Strict-Transport-Security} max-age, sent only on requests that came over TLS
 */
@ConfigurationProperties("secureconnect.gateway.edge")
public record EdgeProperties(
        @DefaultValue List<String> trustedProxies,
        @DefaultValue({"127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"})
        List<String> metricsAllowedNetworks,
        @DefaultValue({"http://localhost:8080", "http://127.0.0.1:8080"}) List<String> corsAllowedOrigins,
        @DefaultValue("365d") Duration hstsMaxAge) {
}
