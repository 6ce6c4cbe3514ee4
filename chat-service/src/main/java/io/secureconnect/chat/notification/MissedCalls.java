package io.secureconnect.chat.notification;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Turns video-service's {@code call.missed} (relayed to every chat instance) into one "missed call" inbox item, and
 * push, per callee: every instance hears the event, {@link Notifications#recordOnce} lets one of them record it. Off
 * the relay's thread, which must stay quick.
 */
@Component
public class MissedCalls {

    private static final Logger log = LoggerFactory.getLogger(MissedCalls.class);

    private final Notifications notifications;
    private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();

    MissedCalls(Notifications notifications) {
        this.notifications = notifications;
    }

    public void record(JsonNode event, Collection<UUID> recipients) {
        String callId = event.path("callId").asString();
        String callerId = event.path("callerId").asString();
        List<UUID> callees = recipients.stream().filter(user -> !user.toString().equals(callerId)).toList();
        if (callId.isEmpty() || callees.isEmpty()) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("callId", callId);
        if (!event.path("conversationId").isNull() && !event.path("conversationId").asString().isEmpty()) {
            data.put("conversationId", event.path("conversationId").asString());
        }
        if (!callerId.isEmpty()) {
            data.put("actorId", callerId);
        }
        work.submit(() -> {
            try {
                notifications.recordOnce(callId, callees, NotificationKind.MISSED_CALL, data);
            } catch (RuntimeException e) {
                log.warn("Missed call {} not recorded: {}", callId, e.toString());
            }
        });
    }
}
