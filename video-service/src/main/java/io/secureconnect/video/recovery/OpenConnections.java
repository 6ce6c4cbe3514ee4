package io.secureconnect.video.recovery;

import java.util.UUID;

/** The call sockets open on this instance (the signaling layer provides it). */
public interface OpenConnections {

    /** Whether this instance holds the participant's socket under {@code connectionId}, still open. */
    boolean serves(UUID callId, UUID userId, UUID connectionId);
}
