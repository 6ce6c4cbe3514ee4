package io.secureconnect.chat.realtime.frames;

import io.secureconnect.chat.message.Message;
import io.secureconnect.common.websocket.ServerFrame;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A new message, to every member of its conversation. */
@JsonTypeName("message")
public record MessageFrame(Message message) implements ServerFrame {
}
