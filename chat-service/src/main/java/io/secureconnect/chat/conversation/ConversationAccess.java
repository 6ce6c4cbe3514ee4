package io.secureconnect.chat.conversation;

import java.util.UUID;

import io.secureconnect.chat.ChatErrorCode;
import io.secureconnect.chat.ChatProperties;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.web.ApiException;

import org.springframework.stereotype.Component;

/**
 * Who may do what in a conversation. A non-member learns nothing, not even that the conversation exists: every
 * refusal is the same 404, and every refusal is audited.
 */
@Component
public class ConversationAccess {

    private final ConversationRepository conversations;
    private final AuditLogger audit;
    private final ChatProperties properties;

    ConversationAccess(ConversationRepository conversations, AuditLogger audit, ChatProperties properties) {
        this.conversations = conversations;
        this.audit = audit;
        this.properties = properties;
    }

    /** The caller's role, or a 404 (audited) when the caller is not a member. */
    public Role requireMember(Caller caller, UUID conversationId, String action) {
        return conversations.roleOf(conversationId, caller.userId()).orElseThrow(() -> {
            deny(caller, conversationId, action, "not a member");
            return new ApiException(ChatErrorCode.CONVERSATION_NOT_FOUND, "No such conversation.");
        });
    }

    /**
     * The conversation, for a member (else the audited 404), when it is end-to-end encrypted (else 409
     * {@code NOT_E2EE}): what its MLS group and its KeyPackage claims ask first.
     */
    public Conversation requireE2eeMember(Caller caller, UUID conversationId, String action) {
        requireMember(caller, conversationId, action);
        Conversation conversation = conversations.headerForMember(conversationId, caller.userId())
                .orElseThrow(() -> new ApiException(ChatErrorCode.CONVERSATION_NOT_FOUND, "No such conversation."));
        if (!conversation.e2ee()) {
            throw new ApiException(ChatErrorCode.NOT_E2EE, "This conversation is not end-to-end encrypted.");
        }
        return conversation;
    }

    /** A member whose role does not allow {@code action}: 403, audited. */
    public ApiException forbidden(Caller caller, UUID conversationId, String action, String reason) {
        deny(caller, conversationId, action, reason);
        return new ApiException(ChatErrorCode.NOT_ALLOWED, reason);
    }

    /** Unverified users may read but not create or send, when the deployment says so. */
    public void requireMayWrite(Caller caller, String action) {
        if (properties.requireVerifiedEmail() && !caller.emailVerified()) {
            audit.record(AuditEvent.of(action, AuditResult.DENIED).user(caller.userId()).reason("email not verified"));
            throw new ApiException(ChatErrorCode.EMAIL_NOT_VERIFIED, "Verify your email address to do this.");
        }
    }

    private void deny(Caller caller, UUID conversationId, String action, String reason) {
        audit.record(AuditEvent.of(action, AuditResult.DENIED).user(caller.userId())
                .resource("conversation:" + conversationId).reason(reason));
    }
}
