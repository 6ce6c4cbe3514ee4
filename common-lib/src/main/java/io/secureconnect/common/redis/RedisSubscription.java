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
 * A Redis pub/sub subscription that never stands in the way of a start (ARCHITECTURE §6): it is made in the
 * background and retried every second until Redis answers, so a service starts and serves, degraded, while Redis
 * is down or slow; after an outage the listener container resubscribes by itself. Messages reach the listener one
 * at a time, in the order Redis delivered them (a thread per message would reorder them), on a thread of the
 * subscription's own: a listener that blocks delays only this subscription, never the Redis client's I/O.
 */
public class RedisSubscription implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RedisSubscription.class);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final RedisMessageListenerContainer container = new RedisMessageListenerContainer();
    private final ExecutorService dispatch;
    private final String name;
    private volatile boolean running;
    private Thread subscriber;

    public RedisSubscription(RedisConnectionFactory connections, String channel, MessageListener listener) {
        this(connections, new ChannelTopic(channel), listener);
    }

    public RedisSubscription(RedisConnectionFactory connections, Topic topic, MessageListener listener) {
        this.name = topic.getTopic();
        container.setConnectionFactory(connections);
        container.setRecoveryInterval(RETRY.toMillis());
        this.dispatch = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("redis-dispatch-" + name).factory());
        container.setTaskExecutor(new TaskExecutorAdapter(dispatch));
        container.addMessageListener(listener, topic);
        container.afterPropertiesSet();
    }

    @Override
    public void start() {
        running = true;
        subscriber = Thread.ofVirtual().name("redis-subscribe-" + name).start(() -> {
            while (running && !container.isListening()) {
                try {
                    container.start();
                } catch (RuntimeException e) {
                    log.debug("Subscribing to {} failed; retrying: {}", name, e.getMessage());
                    container.stop();
                    pause();
                }
            }
        });
    }

    @Override
    public void stop() {
        running = false;
        if (subscriber != null) {
            subscriber.interrupt();
        }
        container.stop();
        dispatch.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** True once the subscription is in place (and while Redis keeps it). */
    public boolean isListening() {
        return container.isListening();
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
