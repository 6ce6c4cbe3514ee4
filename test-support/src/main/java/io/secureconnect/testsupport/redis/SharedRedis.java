package io.secureconnect.testsupport.redis;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import io.secureconnect.testsupport.TestSettings;

/**
 * The Redis server that all tests share ({@code SC_TEST_REDIS_URL}, default {@code redis://127.0.0.1:6379}).
 * Isolation is by database index: each Spring context (or caller) gets one of the indexes 1..15 in turn, emptied
 * before use. Index 0 stays untouched for whatever a developer keeps there. Fault tests never use this server;
 * they start their own {@link RedisServerProcess}.
 */
public final class SharedRedis {

    public static final String DEFAULT_URL = "redis://127.0.0.1:6379";
    static final int FIRST_INDEX = 1;
    static final int INDEXES = 15;

    /** Starts where the process id says, so that two builds running at once usually use different indexes. */
    private static final AtomicInteger allocations = new AtomicInteger((int) (ProcessHandle.current().pid() % INDEXES));

    private SharedRedis() {
    }

    public static RedisDatabase server() {
        return RedisDatabase.parse(TestSettings.get("SC_TEST_REDIS_URL", DEFAULT_URL));
    }

    /** The next database index (round-robin within the JVM), flushed, so the caller starts from empty. */
    public static RedisDatabase allocateDatabase() {
        var index = FIRST_INDEX + Math.floorMod(allocations.getAndIncrement(), INDEXES);
        var database = server().withIndex(index);
        try (var connection = RespConnection.open(database)) {
            connection.call("FLUSHDB");
        } catch (IOException e) {
            throw new IllegalStateException("Redis does not answer at " + database.host() + ":" + database.port()
                    + " (SC_TEST_REDIS_URL). Start it with: "
                    + "redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save \"\" --appendonly no", e);
        }
        return database;
    }
}
