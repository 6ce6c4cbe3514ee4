package io.secureconnect.video;

import io.secureconnect.common.web.ErrorCode;
import io.secureconnect.common.web.ProblemType;

import org.springframework.http.HttpStatus;

/** The error codes video-service answers with, beyond the common ones (also the {@code code} of error frames). */
public enum VideoErrorCode implements ErrorCode {
    CALL_NOT_FOUND(HttpStatus.NOT_FOUND, "Call not found"),
    CALL_ENDED(HttpStatus.GONE, "Call ended"),
    CALL_FULL(HttpStatus.CONFLICT, "Call full"),
    CONVERSATION_NOT_FOUND(HttpStatus.NOT_FOUND, "Conversation not found"),
    NOT_A_PARTICIPANT(HttpStatus.FORBIDDEN, "Not a participant of this call"),
    CHAT_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Conversation membership cannot be checked"),
    AUTH_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Blocks cannot be checked"),
    TURN_NOT_CONFIGURED(HttpStatus.SERVICE_UNAVAILABLE, "TURN is not configured");

    private final ProblemType type;

    VideoErrorCode(HttpStatus status, String title) {
        this.type = new ProblemType(status, title);
    }

    @Override
    public ProblemType type() {
        return type;
    }
}
