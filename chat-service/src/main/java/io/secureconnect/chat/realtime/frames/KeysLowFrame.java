package io.secureconnect.chat.realtime.frames;

import io.secureconnect.common.websocket.ServerFrame;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** One of the user's devices runs out of one-time prekeys. */
@JsonTypeName("keys.low")
public record KeysLowFrame(String deviceId, int oneTimePreKeys) implements ServerFrame {
}
