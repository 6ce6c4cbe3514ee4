package io.secureconnect.common.websocket;

/**
 * A client→server frame: a record each service registers under its {@code type} in its {@link FrameTypes}. A record
 * refuses missing or ill-formed members in its constructor with {@link InvalidFrame}.
 */
public interface ClientFrame {
}
