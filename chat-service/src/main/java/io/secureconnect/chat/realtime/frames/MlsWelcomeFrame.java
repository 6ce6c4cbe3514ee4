package io.secureconnect.chat.realtime.frames;

import java.util.UUID;

import io.secureconnect.common.websocket.ServerFrame;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A commit added one of the user's devices to a conversation's MLS group: the Welcome (base64 {@code MLSMessage}) and
 * ratchet tree that device joins with. Every socket of the user gets it; the device named takes it.
 */
@JsonTypeName("mls.welcome")
public record MlsWelcomeFrame(UUID conversationId, String deviceId, UUID welcomeId, long epoch, String welcome,
                              String ratchetTree) implements ServerFrame {
}
