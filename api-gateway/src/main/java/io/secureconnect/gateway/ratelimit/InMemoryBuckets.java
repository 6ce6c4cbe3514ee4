package io.secureconnect.gateway.ratelimit;

import java.util.concurrent.ConcurrentHashMap;

import io.secureconnect.common.ratelimit.TokenBucket;

/**
 * The fallback while Redis is degraded: the same token buckets, kept in this instance's memory (so limits are per
 * instance until Redis returns). Idle buckets are dropped when the map grows, so memory stays bounded.
 */
class InMemoryBuckets {

    private static final int MAX_BUCKETS = 100_000;

    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    Decision consume(String key, RateLimitProperties.Budget budget) {
        long now = System.nanoTime();
        if (buckets.size() > MAX_BUCKETS) {
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        TokenBucket bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(budget.perSecond(), budget.burst(), now));
        if (bucket.tryTake(now)) {
            return new Decision(true, bucket.available(now), 0);
        }
        return new Decision(false, 0, bucket.millisUntilNext(now));
    }
}
