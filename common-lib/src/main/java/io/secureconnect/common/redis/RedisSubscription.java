package io.secureconnect.common.redis;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.support.TaskExecutorAdapter;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.data.redis.listener.Topic;

/**
 * A Redis pub/sub subscription that never stands in the way of a start (ARCHITECTURE §6) and never stays lost: it
 * is made in the background, and for as long as it runs a watcher checks every second that it is in place. Spring's
 * listener container re-subscribes by itself only after a lost connection; a subscription that failed otherwise
 * (a SUBSCRIBE that timed out while Redis was slow, seen under load) it leaves aborted for good. So when the
 * container has not been listening for a few checks in a row, the watcher replaces it with a fresh one. Messages
 * reach the listener one at a time, in the order Redis delivered them (a thread per message would reorder them),
 * on a thread of the subscription's own: a listener that blocks delays only this subscription, never the Redis
 * client's I/O.
 */
public class RedisSubscription implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RedisSubscription.class);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    /** Longer than the container's own wait for a confirmed subscription (2 s) and its recovery interval. */
    private static final int RESUBSCRIBE_AFTER_CHECKS = 3;
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final RedisConnectionFactory connections;
    private final Topic topic;
    private final MessageListener listener;
    private final ExecutorService dispatch;
    private final String name;
    private volatile RedisMessageListenerContainer container;
    private volatile boolean running;
    private Thread watcher;

    public RedisSubscription(RedisConnectionFactory connections, String channel, MessageListener listener) {
        this(connections, new ChannelTopic(channel), listener);
    }

    public RedisSubscription(RedisConnectionFactory connections, Topic topic, MessageListener listener) {
        this.connections = connections;
        this.topic = topic;
        this.listener = listener;
        this.name = topic.getTopic();
        this.dispatch = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("redis-dispatch-" + name).factory());
    }

    @Override
    public void start() {
        running = true;
        watcher = Thread.ofVirtual().name("redis-subscribe-" + name).start(this::keepSubscribed);
    }

    @Override
    public void stop() {
        running = false;
        if (watcher != null) {
            watcher.interrupt();
            try {
                watcher.join(STOP_WAIT); // it may be starting a container: stop that one, not the one before
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        RedisMessageListenerContainer current = container;
        if (current != null) {
            current.stop();
        }
        dispatch.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** True once the subscription is in place (and while Redis keeps it). */
    public boolean isListening() {
        RedisMessageListenerContainer current = container;
        return current != null && current.isListening();
    }

    private void keepSubscribed() {
        int checksNotListening = RESUBSCRIBE_AFTER_CHECKS; // the first check subscribes
        while (running) {
            if (isListening()) {
                checksNotListening = 0;
            } else if (++checksNotListening >= RESUBSCRIBE_AFTER_CHECKS) {
                checksNotListening = 0;
                subscribe();
            }
            pause();
        }
    }

    private void subscribe() {
        RedisMessageListenerContainer previous = container;
        if (previous != null) {
            log.info("Subscription to {} not in place; subscribing again", name);
        }
        RedisMessageListenerContainer fresh = newContainer();
        container = fresh;
        discard(previous);
        try {
            fresh.start();
        } catch (RuntimeException e) {
            log.debug("Subscribing to {} failed; retrying: {}", name, e.getMessage());
        }
    }

    private RedisMessageListenerContainer newContainer() {
        RedisMessageListenerContainer fresh = new RedisMessageListenerContainer();
        fresh.setConnectionFactory(connections);
        fresh.setRecoveryInterval(CHECK_EVERY.toMillis());
        fresh.setTaskExecutor(new TaskExecutorAdapter(dispatch));
        fresh.addMessageListener(listener, topic);
        fresh.afterPropertiesSet();
        return fresh;
    }

    /** Stops a container in the background: against a hanging Redis, stopping waits for its timeouts. */
    private static void discard(RedisMessageListenerContainer old) {
        if (old != null) {
            Thread.ofVirtual().name("redis-unsubscribe").start(() -> {
                try {
                    old.destroy();
                } catch (Exception e) {
                    log.debug("Stopping a replaced subscription failed: {}", e.getMessage());
                }
            });
        }
    }

    private static void pause() {
        try {
            Thread.sleep(CHECK_EVERY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
