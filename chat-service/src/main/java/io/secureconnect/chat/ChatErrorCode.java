package io.secureconnect.chat;

import io.secureconnect.common.web.ErrorCode;
import io.secureconnect.common.web.ProblemType;

import org.springframework.http.HttpStatus;

/** The stable {@code code}s chat-service answers with, besides the common ones. */
public enum ChatErrorCode implements ErrorCode {
    CONVERSATION_NOT_FOUND(HttpStatus.NOT_FOUND, "Conversation not found"),
    MESSAGE_NOT_FOUND(HttpStatus.NOT_FOUND, "Message not found"),
    NOT_A_GROUP(HttpStatus.CONFLICT, "Not a group conversation"),
    NOT_ALLOWED(HttpStatus.FORBIDDEN, "Not allowed in this conversation"),
    USER_BLOCKED(HttpStatus.FORBIDDEN, "One of the users has blocked the other"),
    NOT_A_CONTACT(HttpStatus.FORBIDDEN, "Neither a contact nor in a shared conversation"),
    EMAIL_NOT_VERIFIED(HttpStatus.FORBIDDEN, "Email address not verified"),
    GROUP_FULL(HttpStatus.CONFLICT, "Group is full"),
    MESSAGE_DELETED(HttpStatus.CONFLICT, "Message was deleted"),
    DEVICE_NOT_FOUND(HttpStatus.NOT_FOUND, "Device not found"),
    POLL_NOT_FOUND(HttpStatus.NOT_FOUND, "Poll not found"),
    POLL_CLOSED(HttpStatus.CONFLICT, "Poll is closed"),
    E2EE_NOT_SUPPORTED(HttpStatus.CONFLICT, "Not available in end-to-end encrypted conversations"),
    ALREADY_VOTED(HttpStatus.CONFLICT, "Already voted"),
    ATTACHMENT_NOT_SHAREABLE(HttpStatus.UNPROCESSABLE_CONTENT, "Attachment cannot be shared"),
    NOT_E2EE(HttpStatus.CONFLICT, "Not an end-to-end encrypted conversation"),
    INVALID_MLS_MESSAGE(HttpStatus.BAD_REQUEST, "Not a valid MLS message for this group"),
    MEMBERSHIP_MISMATCH(HttpStatus.UNPROCESSABLE_CONTENT, "The commit does not match the conversation's members"),
    STALE_EPOCH(HttpStatus.CONFLICT, "The group is at another epoch"),
    MLS_GROUP_STALE(HttpStatus.CONFLICT, "The group holds a leaf that must be removed first"),
    INVALID_KEY_PACKAGE(HttpStatus.BAD_REQUEST, "Not a KeyPackage of this device"),
    DEVICE_KEY_MISMATCH(HttpStatus.CONFLICT, "This device is registered with another signature key"),
    PEER_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "A service chat depends on is unavailable");

    private final ProblemType type;

    ChatErrorCode(HttpStatus status, String title) {
        this.type = new ProblemType(status, title);
    }

    @Override
    public ProblemType type() {
        return type;
    }
}
