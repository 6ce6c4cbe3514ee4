package io.secureconnect.common.redis;

import io.lettuce.core.AbstractRedisClient;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Attaches {@link RedisCommandMetrics} to the Lettuce client once the connection factory has created it
 * (it does so when it starts, in lifecycle phase 0).
 */
public class RedisClientInstrumentation implements SmartLifecycle {

    private final LettuceConnectionFactory factory;
    private final RedisCommandMetrics metrics;
    private volatile boolean running;

    public RedisClientInstrumentation(LettuceConnectionFactory factory, RedisCommandMetrics metrics) {
        this.factory = factory;
        this.metrics = metrics;
    }

    @Override
    public void start() {
        AbstractRedisClient client = factory.getNativeClient();
        if (client != null) {
            client.addListener((io.lettuce.core.event.command.CommandListener) metrics);
            client.addListener((io.lettuce.core.RedisConnectionStateListener) metrics);
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 1;
    }
}
