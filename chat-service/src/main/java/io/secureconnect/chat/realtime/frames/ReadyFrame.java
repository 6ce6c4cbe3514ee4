package io.secureconnect.chat.realtime.frames;

import java.util.UUID;

import io.secureconnect.common.websocket.ServerFrame;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** The first frame of every socket: who it is, its id, how often to ping, and the largest frame it may send. */
@JsonTypeName("ready")
public record ReadyFrame(UUID userId, String connectionId, long heartbeatSeconds, long maxFrameBytes)
        implements ServerFrame {
}
