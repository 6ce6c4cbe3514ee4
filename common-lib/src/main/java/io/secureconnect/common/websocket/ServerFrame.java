package io.secureconnect.common.websocket;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A server→client frame: a record, named with {@code @JsonTypeName("message.edited")}, written as a JSON object
 * whose first member is {@code "type"} with that name. Members that are null are left out, so an optional member is
 * simply absent, as clients of docs/chat-protocol.md and docs/video-protocol.md expect. Write a frame on its own:
 * inside a {@code Map} or {@code List} Jackson sees only the declared type and leaves {@code "type"} out (an envelope
 * embeds the frame's text instead, as chat's {@code Fanout} does).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonInclude(JsonInclude.Include.NON_NULL)
public interface ServerFrame {
}
