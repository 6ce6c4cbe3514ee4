package io.secureconnect.common.redis;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;

/**
 * Tells "Redis is unreachable or too slow" (fall back) from "our command was wrong" (a bug, let it surface).
 * Only the first kind moves {@link RedisGuard} to DEGRADED.
 */
public final class RedisFailures {

    private RedisFailures() {
    }

    public static boolean isUnavailability(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RedisConnectionFailureException || t instanceof QueryTimeoutException
                    || t instanceof RedisConnectionException || t instanceof RedisCommandTimeoutException
                    || t instanceof TimeoutException || t instanceof IOException) {
                return true;
            }
            // Lettuce's words when commands are rejected while disconnected or the channel closed under them
            if (t instanceof RedisException && t.getMessage() != null
                    && (t.getMessage().contains("not connected") || t.getMessage().contains("closed"))) {
                return true;
            }
        }
        return false;
    }

    /** Redis did not answer in time: slow, which may be this machine rather than Redis. */
    public static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof QueryTimeoutException || t instanceof RedisCommandTimeoutException
                    || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
