package io.secureconnect.chat.message;

import io.secureconnect.chat.conversation.Conversation;
import io.secureconnect.chat.peer.AttachmentShares;
import io.secureconnect.common.security.Caller;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Every attached file is one the sender may share with the conversation, and is shared with it (storage-service
 * decides and records the grant: {@link AttachmentShares}); last, so a file is only shared for a message every
 * other rule let through.
 */
@Component
@Order(SendPolicy.ATTACHMENTS)
class ShareableAttachments implements SendPolicy {

    private final AttachmentShares attachments;

    ShareableAttachments(AttachmentShares attachments) {
        this.attachments = attachments;
    }

    @Override
    public void checkMessage(Caller caller, Conversation conversation, SendMessage command) {
        command.distinctAttachments().forEach(file -> attachments.share(caller, file, conversation.id()));
    }
}
