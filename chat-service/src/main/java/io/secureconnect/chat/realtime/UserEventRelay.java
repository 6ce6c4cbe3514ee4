package io.secureconnect.chat.realtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.secureconnect.common.events.UserEvents;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers the per-user event channel ({@link UserEvents}) to this instance's sockets: chat's own fan-out and what
 * other services send users (video-service's {@code call.incoming}). The subscription is made in the background and
 * retried until Redis answers, so the service starts and serves (degraded) without Redis; after an outage the
 * listener container resubscribes by itself.
 */
@Component
class UserEventRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UserEventRelay.class);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final RedisMessageListenerContainer container = new RedisMessageListenerContainer();
    private volatile boolean running;
    private Thread subscriber;

    UserEventRelay(RedisConnectionFactory connections, LocalConnections local, JsonMapper json) {
        container.setConnectionFactory(connections);
        container.setRecoveryInterval(RETRY.toMillis());
        // in the order Redis delivered them: a thread per event would reorder a conversation's messages
        container.setTaskExecutor(new SyncTaskExecutor());
        container.addMessageListener(relay(local, json), new ChannelTopic(UserEvents.CHANNEL));
        container.afterPropertiesSet();
    }

    @Override
    public void start() {
        running = true;
        subscriber = Thread.ofVirtual().name("user-event-subscriber").start(() -> {
            while (running && !container.isListening()) {
                try {
                    container.start();
                } catch (RuntimeException e) {
                    log.debug("Subscribing to {} failed; retrying: {}", UserEvents.CHANNEL, e.getMessage());
                    container.stop();
                    sleep();
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
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    boolean isListening() {
        return container.isListening();
    }

    private static void sleep() {
        try {
            Thread.sleep(RETRY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static MessageListener relay(LocalConnections local, JsonMapper json) {
        return (message, pattern) -> {
            try {
                JsonNode envelope = json.readTree(message.getBody());
                JsonNode event = envelope.path("event");
                List<UUID> userIds = new ArrayList<>();
                for (JsonNode id : envelope.path("userIds")) {
                    userIds.add(UUID.fromString(id.asString()));
                }
                if (!event.isObject() || userIds.isEmpty()) {
                    return;
                }
                local.deliver(userIds, new TextMessage(json.writeValueAsString(event)),
                        "message".equals(event.path("type").asString()));
            } catch (JacksonException | IllegalArgumentException e) {
                log.warn("Ignoring a malformed user event: {}", e.getMessage());
            }
        };
    }
}
