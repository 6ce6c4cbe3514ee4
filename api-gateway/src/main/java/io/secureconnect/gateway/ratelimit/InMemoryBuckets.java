package io.secureconnect.gateway.ratelimit;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The fallback while Redis is degraded: the same token buckets, kept in this instance's memory (so limits are per
 * instance until Redis returns). Idle buckets are dropped when the map grows, so memory stays bounded.
 */
class InMemoryBuckets {

    private static final int MAX_BUCKETS = 100_000;

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    Decision consume(String key, RateLimitProperties.Budget budget) {
        long now = System.nanoTime();
        if (buckets.size() > MAX_BUCKETS) {
            buckets.values().removeIf(bucket -> bucket.isFull(now, budget));
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(budget.burst(), now)).consume(now, budget);
    }

    private static final class Bucket {
        private double tokens;
        private long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        synchronized Decision consume(long now, RateLimitProperties.Budget budget) {
            refill(now, budget);
            if (tokens >= 1) {
                tokens -= 1;
                return new Decision(true, (long) tokens, 0);
            }
            return new Decision(false, 0, (long) Math.ceil((1 - tokens) / budget.perSecond() * 1000));
        }

        synchronized boolean isFull(long now, RateLimitProperties.Budget budget) {
            refill(now, budget);
            return tokens >= budget.burst();
        }

        private void refill(long now, RateLimitProperties.Budget budget) {
            tokens = Math.min(budget.burst(), tokens + (now - at) / 1e9 * budget.perSecond());
            at = now;
        }
    }
}
