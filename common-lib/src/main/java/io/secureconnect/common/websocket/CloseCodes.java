package io.secureconnect.common.websocket;

import org.springframework.web.socket.CloseStatus;

/**
 * The close codes of {@code /ws/chat} and {@code /ws/calls} (ARCHITECTURE §3a, docs/chat-protocol.md,
 * docs/video-protocol.md), in one place so that both sockets say the same thing the same way. The reason sent with a
 * code is the {@code code} of the error frame that came before it.
 */
public final class CloseCodes {

    public static final int GOING_AWAY = 1001;
    public static final int TOO_BIG = 1009;
    /** The service behind the gateway went away; reconnect (the gateway sends it: see LostServiceClosesSockets). */
    public static final int SERVICE_RESTART = 1012;
    /** The socket cannot be served safely now (a session that cannot be checked): fail closed, retry later. */
    public static final int TRY_AGAIN_LATER = 1013;
    /** The token expired or its session was revoked. */
    public static final int UNAUTHENTICATED = 4401;
    public static final int FORBIDDEN = 4403;
    public static final int NOT_FOUND = 4404;
    /** No frame within the idle timeout. */
    public static final int IDLE = 4408;
    /** The same participant joined again from a newer connection. */
    public static final int REPLACED = 4409;
    /** The call ended. */
    public static final int CALL_ENDED = 4410;
    public static final int RATE_LIMITED = 4429;
    /** The outbound queue filled up: the client does not read fast enough. */
    public static final int SLOW_CONSUMER = 4500;

    private CloseCodes() {
    }

    /** {@code code} with the error code that explains it as the reason. */
    public static CloseStatus status(int code, String reason) {
        return new CloseStatus(code, reason);
    }
}
