package io.secureconnect.chat.realtime.frames;

import java.time.Instant;
import java.util.UUID;

import io.secureconnect.common.websocket.ServerFrame;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A user's status, with {@code lastSeen} unless hidden or online. */
@JsonTypeName("presence")
public record PresenceFrame(UUID userId, String status, Instant lastSeen) implements ServerFrame {
}
