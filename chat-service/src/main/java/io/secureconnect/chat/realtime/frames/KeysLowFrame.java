package io.secureconnect.chat.realtime.frames;

import io.secureconnect.common.websocket.ServerFrame;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** One of the user's devices is running out of KeyPackages: it should upload more. */
@JsonTypeName("keys.low")
public record KeysLowFrame(String deviceId, int keyPackages) implements ServerFrame {
}
