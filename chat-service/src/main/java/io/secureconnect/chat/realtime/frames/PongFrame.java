package io.secureconnect.chat.realtime.frames;

import io.secureconnect.common.websocket.ServerFrame;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** The answer to {@code ping}, with its {@code ref}. */
@JsonTypeName("pong")
public record PongFrame(String ref) implements ServerFrame {
}
