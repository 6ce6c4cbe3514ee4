package io.secureconnect.chat.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.secureconnect.chat.notification.MissedCalls;
import io.secureconnect.common.events.UserEvents;
import io.secureconnect.common.redis.RedisSubscription;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.web.socket.TextMessage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers the per-user event channel ({@link UserEvents}) to this instance's sockets: chat's own fan-out and what
 * other services send users (video-service's {@code call.incoming}), in the order Redis delivered them.
 */
@Configuration(proxyBeanMethods = false)
class UserEventRelay {

    private static final Logger log = LoggerFactory.getLogger(UserEventRelay.class);

    @Bean
    RedisSubscription userEventSubscription(RedisConnectionFactory connections, LocalConnections local, JsonMapper json,
                                            MissedCalls missedCalls) {
        return new RedisSubscription(connections, UserEvents.CHANNEL, relay(local, json, missedCalls));
    }

    private static MessageListener relay(LocalConnections local, JsonMapper json, MissedCalls missedCalls) {
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
                if ("call.missed".equals(event.path("type").asString())) {
                    missedCalls.record(event, userIds);
                }
            } catch (JacksonException | IllegalArgumentException e) {
                log.warn("Ignoring a malformed user event: {}", e.getMessage());
            }
        };
    }
}
