package io.secureconnect.common.redis;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.event.command.CommandFailedEvent;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandSucceededEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.net.SocketAddress;

/**
 * Lettuce hook that times and counts every Redis command ({@code redis_commands_total{command}},
 * {@code redis_command_duration_seconds{command}}), counts failures ({@code redis_errors_total{command}}), tracks
 * open connections ({@code redis_connections}) and tells {@link RedisGuard} when a failure means Redis is gone.
 */
public class RedisCommandMetrics implements CommandListener, RedisConnectionStateListener {

    private final MeterRegistry registry;
    private final RedisGuard guard;
    private final AtomicInteger connections = new AtomicInteger();
    private final Map<String, Meters> byCommand = new ConcurrentHashMap<>();

    public RedisCommandMetrics(MeterRegistry registry, RedisGuard guard) {
        this.registry = registry;
        this.guard = guard;
        Gauge.builder("redis.connections", connections, AtomicInteger::get)
                .description("Open connections to Redis").register(registry);
        errors("PING"); // the health probe's command: the series exists before the first failure
    }

    /** A command's meters, looked up once: building and registering them per command cost the gateway CPU. */
    private Meters meters(String command) {
        return byCommand.computeIfAbsent(command, name -> new Meters(
                Counter.builder("redis.commands").description("Redis commands completed").tag("command", name)
                        .register(registry),
                Timer.builder("redis.command.duration").description("Redis command latency").tag("command", name)
                        .publishPercentileHistogram().register(registry),
                errors(name)));
    }

    private record Meters(Counter completed, Timer duration, Counter errors) {
    }

    private Counter errors(String command) {
        return Counter.builder("redis.errors").description("Redis commands that failed").tag("command", command)
                .register(registry);
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        Meters meters = meters(event.getCommand().getType().toString());
        meters.completed().increment();
        meters.duration().record(event.getDuration(TimeUnit.NANOSECONDS), TimeUnit.NANOSECONDS);
    }

    @Override
    public void commandFailed(CommandFailedEvent event) {
        Meters meters = meters(event.getCommand().getType().toString());
        meters.completed().increment();
        meters.errors().increment();
        if (RedisFailures.isUnavailability(event.getCause())) {
            guard.reportFailure(event.getCause());
        }
    }

    @Override
    public void onRedisConnected(io.lettuce.core.RedisChannelHandler<?, ?> connection, SocketAddress socketAddress) {
        connections.incrementAndGet();
    }

    @Override
    public void onRedisDisconnected(io.lettuce.core.RedisChannelHandler<?, ?> connection) {
        connections.updateAndGet(n -> Math.max(0, n - 1));
    }

    @Override
    public void onRedisExceptionCaught(io.lettuce.core.RedisChannelHandler<?, ?> connection, Throwable cause) {
        if (RedisFailures.isUnavailability(cause)) {
            guard.reportFailure(cause);
        }
    }
}
