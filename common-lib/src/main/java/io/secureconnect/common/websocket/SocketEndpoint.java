package io.secureconnect.common.websocket;

import java.util.List;

import org.springframework.web.socket.CloseStatus;

/**
 * What one socket path does with its sockets; the runtime ({@link SocketRuntime}) does the rest: authentication,
 * limits, reading frames, the session watch, metrics and shutdown.
 */
public interface SocketEndpoint {

    /** A socket of an authenticated user opened and is registered: greet it with its first frame, or refuse it. */
    void opened(SocketConnection socket);

    /**
     * Frames of one socket in arrival order, off the container's thread; several at once when they queued up while
     * earlier ones were handled. Refused frames are among them, in their place, for the endpoint to answer.
     */
    void received(SocketConnection socket, List<Inbound> frames);

    /** The socket closed, by either side ({@link SocketConnection#closedWith()} says whether it was the server). */
    void closed(SocketConnection socket, CloseStatus status);
}
