package io.secureconnect.video.live;

import java.util.function.Supplier;

import io.lettuce.core.RedisException;
import io.secureconnect.common.redis.RedisFailures;
import io.secureconnect.common.redis.RedisGuard;

import org.springframework.data.redis.RedisConnectionFailureException;

/**
 * {@link RedisGuard#call} for video's Redis work, also treating Lettuce's "Connection disconnected" (a command in
 * flight when Redis went away) as Redis being unavailable; common-lib's {@link RedisFailures} does not recognise
 * that message yet, and without this a signal sent at that moment would fail instead of falling back.
 */
public final class RedisAvailability {

    private RedisAvailability() {
    }

    public static <T> T call(RedisGuard guard, Supplier<T> redis, Supplier<T> fallback) {
        return guard.call(() -> {
            try {
                return redis.get();
            } catch (RuntimeException e) {
                if (!RedisFailures.isUnavailability(e) && isDisconnect(e)) {
                    throw new RedisConnectionFailureException("Redis connection lost", e);
                }
                throw e;
            }
        }, fallback);
    }

    public static void run(RedisGuard guard, Runnable redis, Runnable fallback) {
        call(guard, () -> {
            redis.run();
            return null;
        }, () -> {
            fallback.run();
            return null;
        });
    }

    static boolean isDisconnect(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RedisException && t.getMessage() != null && t.getMessage().contains("disconnected")) {
                return true;
            }
        }
        return false;
    }
}
