package io.secureconnect.chat.realtime;

import org.springframework.web.socket.CloseStatus;

/** The close codes of {@code /ws/chat} (ARCHITECTURE §3a; docs/chat-protocol.md). */
final class CloseCodes {

    static final CloseStatus TOKEN_EXPIRED = new CloseStatus(4401, "token expired or revoked");
    static final CloseStatus RATE_LIMITED = new CloseStatus(4429, "too many frames");
    static final CloseStatus SLOW_CONSUMER = new CloseStatus(4500, "outbound queue full: client too slow");
    /** Neither Redis nor auth-service could say whether the session is still active: fail closed, retry later. */
    static final CloseStatus SESSION_UNCHECKABLE = new CloseStatus(1013, "session cannot be checked now");
    static final CloseStatus IDLE = new CloseStatus(4408, "no frame within the idle timeout");

    private CloseCodes() {
    }
}
