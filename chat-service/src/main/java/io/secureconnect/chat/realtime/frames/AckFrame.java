package io.secureconnect.chat.realtime.frames;

import io.secureconnect.chat.message.Message;
import io.secureconnect.common.websocket.ServerFrame;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A {@code send} was stored: the message as stored, named by the client's {@code clientId}. */
@JsonTypeName("ack")
public record AckFrame(String clientId, Message message) implements ServerFrame {
}
