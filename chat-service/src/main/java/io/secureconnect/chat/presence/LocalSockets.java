package io.secureconnect.chat.presence;

import java.util.UUID;

/** The sockets of this instance, which tell who is online without asking Redis (the socket layer implements it). */
public interface LocalSockets {

    /** Whether the user has an open socket on this instance (so is online, whatever Redis says). */
    boolean hasLocalSocket(UUID userId);
}
