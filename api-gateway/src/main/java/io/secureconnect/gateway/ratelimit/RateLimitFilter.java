package io.secureconnect.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.secureconnect.common.redis.RedisGuard;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import reactor.core.publisher.Mono;

/**
 * Rate limits at the edge: per user for authenticated requests, per address otherwise, and a much stricter
 * budget per address on login, registration and password reset (brute force, account creation floods) whether or
 * not the request carries a token: a token of one's own must not buy a bigger budget for guessing passwords. Buckets
 * live in Redis so every instance shares them; while Redis is degraded the same budgets are kept in memory, at
 * once and without waiting on Redis. A refused request gets 429 with {@code Retry-After}; every answer carries
 * {@code RateLimit-Limit} and {@code RateLimit-Remaining}.
 */
@Component
class RateLimitFilter implements GlobalFilter, Ordered {

    private final RateLimitProperties properties;
    private final RedisBuckets redis;
    private final InMemoryBuckets memory = new InMemoryBuckets();
    private final RedisGuard guard;
    private final java.util.List<PathPattern> sensitive;
    /** Looked up once per policy, not built per request. */
    private final Map<String, Counter> hits = new HashMap<>();
    private final Map<String, Counter> blocked = new HashMap<>();

    RateLimitFilter(RateLimitProperties properties, ReactiveStringRedisTemplate redis, RedisGuard guard,
                    MeterRegistry meters) {
        this.properties = properties;
        this.redis = new RedisBuckets(redis);
        this.guard = guard;
        this.sensitive = properties.sensitivePaths().stream().map(PathPatternParser.defaultInstance::parse).toList();
        for (String policy : new String[] {"user", "ip", "sensitive"}) {
            hits.put(policy, Counter.builder("rate.limit.hits").description("Requests checked against a rate limit")
                    .tag("policy", policy).register(meters));
            blocked.put(policy, Counter.builder("rate.limit.blocked").description("Requests refused by a rate limit")
                    .tag("policy", policy).register(meters));
        }
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Mono<Subject> subjectOfRequest = isSensitive(exchange) ? Mono.just(sensitive(exchange))
                : exchange.getPrincipal().map(Principal::getName)
                        .map(user -> new Subject("user", "user:" + user, properties.user()))
                        .defaultIfEmpty(new Subject("ip", "ip:" + address(exchange), properties.ip()));
        return subjectOfRequest.flatMap(subject -> limit(subject).publishOn(RequestEventLoop.of(exchange)).flatMap(decision -> {
                    exchange.getResponse().getHeaders().set("RateLimit-Limit", Integer.toString(subject.budget().burst()));
                    exchange.getResponse().getHeaders().set("RateLimit-Remaining", Long.toString(decision.remaining()));
                    if (decision.allowed()) {
                        return chain.filter(exchange);
                    }
                    blocked.get(subject.policy()).increment();
                    long seconds = Math.max(1, (decision.retryAfterMillis() + 999) / 1000);
                    return Mono.error(new ApiException(CommonErrorCode.RATE_LIMITED,
                            "Too many requests, slow down.", Map.of(ApiException.RETRY_AFTER, seconds)));
                }));
    }

    private Mono<Decision> limit(Subject subject) {
        hits.get(subject.policy()).increment();
        return guard.callReactive(() -> redis.consume(subject.key(), subject.budget()),
                () -> Mono.fromSupplier(() -> memory.consume(subject.key(), subject.budget())));
    }

    private boolean isSensitive(ServerWebExchange exchange) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        return sensitive.stream().anyMatch(pattern -> pattern.matches(path));
    }

    private Subject sensitive(ServerWebExchange exchange) {
        return new Subject("sensitive", "sensitive:" + address(exchange), properties.sensitive());
    }

    private static String address(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    /** Runs right after routing, before the request is forwarded. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    private record Subject(String policy, String key, RateLimitProperties.Budget budget) {
    }
}
