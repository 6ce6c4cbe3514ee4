package io.secureconnect.common.config;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;

import io.secureconnect.common.events.RevokedSessionEvents;
import io.secureconnect.common.events.UserEvents;
import io.secureconnect.common.redis.RedisClientInstrumentation;
import io.secureconnect.common.redis.RedisCommandMetrics;
import io.secureconnect.common.redis.RedisGuard;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Redis degraded mode for every service (ARCHITECTURE §6): the guard, command metrics, and Lettuce options that
 * make commands fail at once while disconnected instead of queueing behind a reconnect.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"})
@ConditionalOnBean(RedisConnectionFactory.class)
public class RedisGuardAutoConfiguration {

    @Bean
    static LettuceClientConfigurationBuilderCustomizer failFastWhileDisconnected() {
        return builder -> builder.clientOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled())
                .build());
    }

    /**
     * Lettuce waits up to 30 s between reconnect attempts by default, so a service stayed degraded for seconds after
     * Redis was back, longer the longer the outage (issue 19); with at most half a second between attempts, the
     * guard's next PING finds it.
     */
    @Bean
    static ClientResourcesBuilderCustomizer reconnectWithinHalfASecond() {
        return builder -> builder.reconnectDelay(
                Delay.exponential(Duration.ofMillis(50), Duration.ofMillis(500), 2, TimeUnit.MILLISECONDS));
    }

    @Bean
    GuardConnection redisGuardConnection(RedisConnectionFactory connections) {
        return new GuardConnection(connections);
    }

    @Bean
    RedisGuard redisGuard(GuardConnection pings, MeterRegistry registry, SecureConnectProperties properties) {
        return new RedisGuard(pings.factory(), registry, properties.redis().pingInterval(),
                properties.redis().pingTimeout());
    }

    @Bean
    RedisCommandMetrics redisCommandMetrics(MeterRegistry registry, RedisGuard guard) {
        return new RedisCommandMetrics(registry, guard);
    }

    @Bean
    @ConditionalOnBean(LettuceConnectionFactory.class)
    RedisClientInstrumentation redisClientInstrumentation(LettuceConnectionFactory factory, RedisCommandMetrics metrics) {
        return new RedisClientInstrumentation(factory, metrics);
    }

    /** Redis shows in /health for operators but is always UP: it must never fail readiness or liveness. */
    @Bean
    HealthIndicator redisHealthIndicator(RedisGuard guard) {
        return () -> Health.up().withDetail("mode", guard.isDegraded() ? "degraded" : "healthy").build();
    }

    @Bean
    @ConditionalOnBean(StringRedisTemplate.class)
    UserEvents userEvents(StringRedisTemplate redis, RedisGuard guard, ObjectProvider<JsonMapper> json) {
        return new UserEvents(redis, guard, json.getIfAvailable(() -> JsonMapper.builder().build()));
    }

    @Bean
    @ConditionalOnBean(StringRedisTemplate.class)
    RevokedSessionEvents revokedSessionEvents(StringRedisTemplate redis, RedisGuard guard, ObjectProvider<JsonMapper> json) {
        return new RevokedSessionEvents(redis, guard, json.getIfAvailable(() -> JsonMapper.builder().build()));
    }
}
