package io.secureconnect.gateway.ratelimit;

import java.util.List;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import reactor.core.publisher.Mono;

/** Token buckets shared by every gateway instance, one atomic Lua call per request. */
class RedisBuckets {

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final RedisScript<List<Long>> SCRIPT = (RedisScript) RedisScript.of(
            new ClassPathResource("scripts/token-bucket.lua"), List.class);

    private final ReactiveStringRedisTemplate redis;

    RedisBuckets(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    Mono<Decision> consume(String key, RateLimitProperties.Budget budget) {
        return redis.execute(SCRIPT, List.of("sc:rate:" + key),
                        List.of(Double.toString(budget.perSecond()), Integer.toString(budget.burst())))
                .next()
                .map(result -> new Decision(result.get(0) == 1L, result.get(1), result.get(2)));
    }
}
