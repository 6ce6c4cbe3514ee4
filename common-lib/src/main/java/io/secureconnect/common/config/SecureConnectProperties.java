package io.secureconnect.common.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the shared machinery; defaults in {@code secureconnect-defaults.properties}.
 *
 * @param redis    how RedisGuard probes Redis
 * @param shutdown how long to keep serving after readiness went DOWN, before connections are closed
 * @param web      limits applied to every request
 */
@ConfigurationProperties("secureconnect")
public record SecureConnectProperties(@DefaultValue Redis redis, @DefaultValue Shutdown shutdown, @DefaultValue Web web) {

    /**
     * @param pingInterval time between two PINGs
     * @param pingTimeout  a PING slower than this counts as Redis being down
     */
    public record Redis(@DefaultValue("500ms") Duration pingInterval, @DefaultValue("1s") Duration pingTimeout) {
    }

    /** @param drainDelay time for load balancers to notice readiness DOWN (0 locally, a few seconds on Kubernetes) */
    public record Shutdown(@DefaultValue("0s") Duration drainDelay) {
    }

    /**
     * @param maxBodySize      request bodies above this are refused with 413
     * @param gatewayAddresses the addresses (a regular expression, Tomcat's internal-proxies syntax) whose
     *                         {@code X-Forwarded-For} names the client; every other peer is the client itself
     */
    public record Web(@DefaultValue("1MB") DataSize maxBodySize,
                      @DefaultValue("127\\.\\d+\\.\\d+\\.\\d+|0:0:0:0:0:0:0:1|::1") String gatewayAddresses) {
    }
}
