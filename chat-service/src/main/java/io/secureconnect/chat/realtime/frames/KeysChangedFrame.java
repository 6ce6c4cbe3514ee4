package io.secureconnect.chat.realtime.frames;

import java.util.UUID;

import io.secureconnect.common.websocket.ServerFrame;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A peer's device was added or is gone. */
@JsonTypeName("keys.changed")
public record KeysChangedFrame(UUID userId, String deviceId, String change) implements ServerFrame {
}
