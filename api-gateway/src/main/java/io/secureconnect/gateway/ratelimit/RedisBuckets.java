package io.secureconnect.gateway.ratelimit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import reactor.core.publisher.Mono;

/** Token buckets shared by every gateway instance, one atomic Lua call per request. */
class RedisBuckets {

    /**
     * Read once, as text: a script built on the resource itself asks it for its last-modified time on every call,
     * which inside a jar throws (and builds a stack trace) each time.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final RedisScript<List<Long>> SCRIPT = (RedisScript) RedisScript.of(load("scripts/token-bucket.lua"), List.class);

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

    private static String load(String path) {
        try {
            return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }
}
