package io.secureconnect.chat.realtime.frames;

import io.secureconnect.chat.message.Message;
import io.secureconnect.common.websocket.ServerFrame;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A message's new version. */
@JsonTypeName("message.edited")
public record MessageEditedFrame(Message message) implements ServerFrame {
}
