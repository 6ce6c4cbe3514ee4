package io.secureconnect.video.signaling;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.common.redis.RedisGuard;
import io.secureconnect.video.live.LiveCalls;
import io.secureconnect.video.live.RedisAvailability;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers frames to a call's participants wherever they are connected: directly to sockets on this instance, and
 * through the Redis channel {@value #CHANNEL} to the other instances. While Redis is degraded only this instance's
 * sockets are reached, which keeps signaling going between participants on the same instance.
 */
@Component
public class SignalRelay implements MessageListener {

    public static final String CHANNEL = "sc:video:relay";
    private static final Logger log = LoggerFactory.getLogger(SignalRelay.class);

    private final LocalConnections local;
    private final StringRedisTemplate redis;
    private final RedisGuard guard;
    private final JsonMapper json;
    private final String instanceId;

    SignalRelay(LocalConnections local, StringRedisTemplate redis, RedisGuard guard, JsonMapper json, LiveCalls live) {
        this.local = local;
        this.redis = redis;
        this.guard = guard;
        this.json = json;
        this.instanceId = live.instanceId();
    }

    /** To one participant; false when it is neither here nor could the other instances be asked. */
    boolean toUser(UUID callId, UUID userId, String frame) {
        Connection connection = local.get(callId, userId);
        if (connection != null) {
            connection.send(frame);
            return true;
        }
        return publish(envelope("user", callId, userId, null, 0, frame));
    }

    /** To every participant of the call; with a close code each socket is closed after the frame. */
    public void toCall(UUID callId, String frame, int closeCode) {
        deliverToCall(callId, frame, closeCode);
        publish(envelope("call", callId, null, null, closeCode, frame));
    }

    /** Sends the frame to one connection and closes it, on whichever instance holds it. */
    public void closeConnection(UUID callId, UUID userId, UUID connectionId, String frame, int closeCode) {
        if (!closeLocal(callId, userId, connectionId, frame, closeCode)) {
            publish(envelope("close", callId, userId, connectionId, closeCode, frame));
        }
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        try {
            JsonNode envelope = json.readTree(new String(message.getBody(), StandardCharsets.UTF_8));
            if (instanceId.equals(envelope.path("origin").asString())) {
                return;
            }
            UUID callId = UUID.fromString(envelope.path("callId").asString());
            String frame = envelope.path("frame").asString();
            int code = envelope.path("code").asInt(0);
            switch (envelope.path("kind").asString()) {
                case "user" -> {
                    Connection connection = local.get(callId, UUID.fromString(envelope.path("userId").asString()));
                    if (connection != null) {
                        connection.send(frame);
                    }
                }
                case "call" -> deliverToCall(callId, frame, code);
                case "close" -> closeLocal(callId, UUID.fromString(envelope.path("userId").asString()),
                        UUID.fromString(envelope.path("connectionId").asString()), frame, code);
                default -> log.debug("Ignoring relay message of unknown kind");
            }
        } catch (RuntimeException e) {
            log.warn("Ignoring a malformed relay message: {}", e.toString());
        }
    }

    private void deliverToCall(UUID callId, String frame, int closeCode) {
        for (Connection connection : local.inCall(callId)) {
            connection.send(frame);
            if (closeCode != 0) {
                connection.close(new CloseStatus(closeCode), "call_ended");
            }
        }
    }

    private boolean closeLocal(UUID callId, UUID userId, UUID connectionId, String frame, int closeCode) {
        Connection connection = local.get(callId, userId);
        if (connection == null || !connection.connectionId().equals(connectionId)) {
            return false;
        }
        connection.send(frame);
        connection.close(new CloseStatus(closeCode), "replaced");
        return true;
    }

    private String envelope(String kind, UUID callId, UUID userId, UUID connectionId, int code, String frame) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("origin", instanceId);
        envelope.put("kind", kind);
        envelope.put("callId", callId);
        envelope.put("userId", userId);
        envelope.put("connectionId", connectionId);
        envelope.put("code", code);
        envelope.put("frame", frame);
        return json.writeValueAsString(envelope);
    }

    private boolean publish(String envelope) {
        return RedisAvailability.call(guard, () -> {
            redis.convertAndSend(CHANNEL, envelope);
            return true;
        }, () -> false);
    }
}
