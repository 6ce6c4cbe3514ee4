package io.secureconnect.chat.realtime.frames;

import java.time.Instant;

import io.secureconnect.common.websocket.ServerFrame;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A fresh token sent with {@code auth} was taken; the socket now lives until it expires. */
@JsonTypeName("authenticated")
public record AuthenticatedFrame(Instant expiresAt) implements ServerFrame {
}
