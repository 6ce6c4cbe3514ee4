package io.secureconnect.common.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import reactor.core.publisher.Mono;

/**
 * Holds the one answer to "can we use Redis right now?" (ARCHITECTURE §6). A PING every half second with a short
 * timeout, plus failures reported by commands, move it between HEALTHY and DEGRADED. While DEGRADED every guarded
 * call goes straight to its fallback, so no request waits on a Redis timeout; a successful PING brings it back.
 * Each transition is logged once, counted, exported as {@code redis_degraded_mode} and told to the listeners.
 */
public class RedisGuard implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RedisGuard.class);
    private static final int SLOW_PINGS_TO_DEGRADE = 3;

    private final RedisConnectionFactory connections;
    private final Duration pingInterval;
    private final Duration pingTimeout;
    private final List<RedisStateListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean degraded = new AtomicBoolean(false);
    private final Counter toDegraded;
    private final Counter toHealthy;
    private ScheduledExecutorService scheduler;
    private ExecutorService pinger;
    private volatile Future<?> pendingPing;
    private int slowPings; // only touched by the scheduler thread
    private volatile boolean running;

    public RedisGuard(RedisConnectionFactory connections, MeterRegistry registry, Duration pingInterval,
                      Duration pingTimeout) {
        this.connections = connections;
        this.pingInterval = pingInterval;
        this.pingTimeout = pingTimeout;
        Gauge.builder("redis.degraded.mode", degraded, d -> d.get() ? 1 : 0)
                .description("1 while Redis is unreachable and the service runs on its fallbacks")
                .register(registry);
        this.toDegraded = transitions(registry, "degraded");
        this.toHealthy = transitions(registry, "healthy");
    }

    private static Counter transitions(MeterRegistry registry, String to) {
        return Counter.builder("redis.degraded.transitions").description("Changes of the Redis degraded mode")
                .tag("to", to).register(registry);
    }

    public boolean isDegraded() {
        return degraded.get();
    }

    public void addListener(RedisStateListener listener) {
        listeners.add(listener);
    }

    public void removeListener(RedisStateListener listener) {
        listeners.remove(listener);
    }

    /** Runs {@code redis}, or {@code fallback} at once while degraded or when Redis turns out to be unreachable. */
    public <T> T call(Supplier<T> redis, Supplier<T> fallback) {
        if (degraded.get()) {
            return fallback.get();
        }
        try {
            return redis.get();
        } catch (RuntimeException e) {
            if (!RedisFailures.isUnavailability(e)) {
                throw e;
            }
            reportFailure(e);
            return fallback.get();
        }
    }

    public void run(Runnable redis, Runnable fallback) {
        call(() -> {
            redis.run();
            return null;
        }, () -> {
            fallback.run();
            return null;
        });
    }

    /** The reactive form, for the gateway: the fallback also takes over if the Redis publisher fails. */
    public <T> Mono<T> callReactive(Supplier<Mono<T>> redis, Supplier<Mono<T>> fallback) {
        if (degraded.get()) {
            return fallback.get();
        }
        return Mono.defer(redis).onErrorResume(RedisFailures::isUnavailability, e -> {
            reportFailure(e);
            return fallback.get();
        });
    }

    /**
     * Called when Redis fails under a command: a refused or lost connection degrades without waiting for a PING. A
     * timeout does not: on a machine starved of CPU commands time out while Redis is fine, and an instance switched
     * to its fallbacks for that sends every token check to auth-service. The PING decides (three slow in a row).
     */
    public void reportFailure(Throwable cause) {
        if (!RedisFailures.isTimeout(cause)) {
            degrade(cause);
        }
    }

    private void degrade(Throwable cause) {
        if (degraded.compareAndSet(false, true)) {
            toDegraded.increment();
            log.warn("Redis unavailable, switching to degraded mode: {}", describe(cause));
            listeners.forEach(RedisStateListener::onDegraded);
        }
    }

    private void reportHealthy() {
        if (degraded.compareAndSet(true, false)) {
            toHealthy.increment();
            log.info("Redis reachable again, leaving degraded mode");
            listeners.forEach(RedisStateListener::onRecovered);
        }
    }

    /**
     * One PING, bounded by the timeout. A refused or failed PING degrades at once; slow ones only when three in a
     * row were slow, so a GC pause or a CPU spike (five JVMs starting on two cores) does not switch a whole
     * instance to its fallbacks. A Redis that hangs is still noticed within a few seconds.
     */
    void checkNow() {
        Future<?> previous = pendingPing;
        if (previous != null && !previous.isDone()) {
            slowPing(new java.util.concurrent.TimeoutException("PING still pending"));
            return;
        }
        Future<?> ping = pinger.submit(this::ping);
        pendingPing = ping;
        try {
            ping.get(pingTimeout.toMillis(), TimeUnit.MILLISECONDS);
            slowPings = 0;
            reportHealthy();
        } catch (java.util.concurrent.ExecutionException e) {
            if (RedisFailures.isTimeout(e.getCause())) {
                slowPing(e.getCause());
            } else {
                degrade(e.getCause());
            }
        } catch (java.util.concurrent.TimeoutException e) {
            slowPing(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void slowPing(Throwable cause) {
        if (++slowPings >= SLOW_PINGS_TO_DEGRADE) {
            degrade(cause);
        }
    }

    private void ping() {
        try (RedisConnection connection = connections.getConnection()) {
            connection.ping();
        }
    }

    private static String describe(Throwable cause) {
        return cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    @Override
    public void start() {
        pinger = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("redis-guard-ping-", 0).factory());
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("redis-guard").factory());
        scheduler.scheduleWithFixedDelay(this::checkSafely, 0, pingInterval.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
    }

    private void checkSafely() {
        try {
            checkNow();
        } catch (RuntimeException e) {
            log.error("Redis health check failed unexpectedly", e);
        }
    }

    @Override
    public void stop() {
        running = false;
        scheduler.shutdownNow();
        pinger.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // after the Lettuce connection factories (phase 0) and RedisClientInstrumentation (1); the PINGs go over a
        // connection of their own (common-lib config.GuardConnection), not the commands' shared one
        return 2;
    }
}
