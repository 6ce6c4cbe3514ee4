package io.secureconnect.chat.realtime.frames;

import java.util.Map;

import io.secureconnect.common.websocket.ServerFrame;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * The end of a {@code sync}: the newest sequence number of every conversation of the user, and the conversations
 * that had more to replay than one batch (by the last sequence number sent), to sync again.
 */
@JsonTypeName("synced")
public record SyncedFrame(Map<String, Long> latest, Map<String, Long> incomplete) implements ServerFrame {
}
