package io.secureconnect.video.call;

import java.util.UUID;

/** A callee declined the call: its participants are told at once. */
public record CallDeclined(UUID callId, UUID userId) {
}
