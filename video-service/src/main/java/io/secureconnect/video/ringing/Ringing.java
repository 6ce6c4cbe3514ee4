package io.secureconnect.video.ringing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.secureconnect.common.events.UserEvents;
import io.secureconnect.video.live.CallLog;
import io.secureconnect.video.live.LiveCall;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells callees about a call on their chat sockets, through chat-service's per-user event channel
 * ({@link UserEvents}): {@code call.incoming} when rung, {@code call.cancelled}, {@code call.missed},
 * {@code call.declined} or {@code call.ended} when it is over. Push notifications for callees without an open chat
 * socket are chat-service's job (not built yet), so this only logs that a push is needed.
 */
@Component
public class Ringing {

    private static final Logger log = LoggerFactory.getLogger(Ringing.class);

    private final UserEvents userEvents;

    Ringing(UserEvents userEvents) {
        this.userEvents = userEvents;
    }

    public void ring(LiveCall.CallMeta call) {
        if (call.invitees().isEmpty()) {
            return;
        }
        Map<String, Object> frame = frame("call.incoming", call);
        frame.put("media", call.media());
        frame.put("createdAt", call.createdAt().toString());
        boolean delivered = publish(call.invitees(), frame);
        CallLog.event(call.id(), "ringing", "ringing {} callees, delivered to chat sockets: {}",
                call.invitees().size(), delivered);
        CallLog.event(call.id(), "push_needed", "push needed for callees without a chat socket (chat-service's job)");
        if (!delivered) {
            CallLog.warn(call.id(), "push_failed", "ringing not delivered while Redis is degraded");
        }
    }

    /** Tells everyone rung (and the caller) how the call ended; {@code reason} picks the event. */
    public void over(LiveCall.CallMeta call, String reason, Set<UUID> recipients) {
        String type = switch (reason) {
            case "missed" -> "call.missed";
            case "cancelled" -> "call.cancelled";
            case "declined" -> "call.declined";
            default -> "call.ended";
        };
        Map<String, Object> frame = frame(type, call);
        frame.put("reason", reason);
        publish(recipients, frame);
    }

    /** Tells the caller that one callee declined. */
    public void declined(LiveCall.CallMeta call, UUID by) {
        Map<String, Object> frame = frame("call.declined", call);
        frame.put("userId", by);
        publish(Set.of(call.initiatorId()), frame);
    }

    /** Best effort: a lost Redis connection must not fail the call, only its ringing. */
    private boolean publish(Set<UUID> users, Map<String, Object> frame) {
        try {
            return userEvents.publish(users, frame);
        } catch (RuntimeException e) {
            log.warn("User event {} not published: {}", frame.get("type"), e.toString());
            return false;
        }
    }

    private static Map<String, Object> frame(String type, LiveCall.CallMeta call) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", type);
        frame.put("callId", call.id());
        frame.put("conversationId", call.conversationId());
        frame.put("callerId", call.initiatorId());
        return frame;
    }
}
